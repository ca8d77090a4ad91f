/**
 * Turns text into search terms. Chinese is segmented into words with Intl.Segmenter (plus character
 * bigrams, which survive segmentation differences such as 规模定律 / 规模化定律); English is lower-cased,
 * split into words and lightly stemmed so "scaling", "scaled" and "scale" meet.
 */

/** Created on first use: Latin text never needs it. */
let segmenterCache: Intl.Segmenter | undefined;
const segmenterOf = () => (segmenterCache ??= new Intl.Segmenter('zh', { granularity: 'word' }));
const HAN = /\p{Script=Han}/u;
const WORDLIKE = /[\p{L}\p{N}]/u;

const EN_STOP = new Set(
  (
    'a an the and or but if whether of to in on at by for with from as is are was were be been being it its this that ' +
    'these those there here what which who whom whose when where why how do does did doing done have has had ' +
    'i you he she we they me him her us them my your his our their about into than then so not no yes can could ' +
    'would should will shall may might must just also very more most much many some any all each every one ' +
    'say says said tell told talk talks speaker quote quotes find show me please anything something ' +
    'thing things like get got go goes way part mean means think thinks believe view views opinion ' +
    // How people ask in chat: requests, fillers and shorthand that carry no subject of their own.
    'explain describe elaborate summarise summarize actually really basically literally kinda sorta gonna ' +
    'wanna gotta u ur ya yeah yes ok okay hey hi lol tbh imo imho pls plz thx thanks teh dont doesnt didnt ' +
    'isnt arent cant wont havent hasnt hadnt wasnt werent wouldnt shouldnt couldnt whats hows whys stuff even still ever anyway someone somebody anyone anybody ' +
    'nobody nothing anywhere somewhere possibly reckon reckons wonder wondering plus ' +
    // Who told them and where, and how short an answer they want: the setting of a question, not its subject.
    'gimme already per claim claims heard hear saw online twitter reddit friend friends coworker coworkers ' +
    'colleague colleagues boss mom mum dad parents guy guys folks true false honestly seriously tldr gist ' +
    'briefly quick quickly'
  ).split(' '),
);

const ZH_STOP = new Set(
  (
    '的 了 是 在 和 与 及 或 我 你 他 她 它 们 我们 你们 他们 这 那 这个 那个 这些 那些 什么 怎么 怎样 如何 为什么 吗 呢 吧 啊 ' +
    '做 有 个 一 一个 也 都 就 会 能 要 说 讲 谈 对 关于 请 把 被 让 给 还 又 很 更 最 没有 不 没 哪 哪些 怎么样 觉得 认为 看法 ' +
    '杨植麟 观点 怎么看 是什么 一下 可以 上 中 里 下 ' +
    // Colloquial question words and particles.
    '跟 啥 咋 咋样 咋办 为啥 干嘛 嘛 呀 哦 呗 么 啦 到底 究竟 是不是 能不能 会不会 有没有 怎么办 多少 ' +
    // As the English list: why, when, who, we, should, whether, where, called, thing, do.
    '为 为何 何 何时 谁 咱 咱们 该 应该 能否 可否 是否 难道 哪儿 叫 凭 东西 玩意 玩意儿 搞 弄 ' +
    // As the English list: who told them and where, and how they want it explained.
    '听说 真的 假的 解释 具体 通俗 懂 明白 最好 反而 那种 我妈 朋友 同事 老板 网上 有人 大家 总结 概括 讲讲 说说 聊聊 ' +
    '介绍 请问 想问 问问'
  ).split(' '),
);

/**
 * NFKC folds full-width letters, digits and punctuation (ＡＢＣ, １０, ，) into their ordinary forms;
 * invisible format characters (zero-width joiners, direction marks) are dropped.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .toLowerCase();
}

/** English contractions lose their clitic ("don't", "I'm", "what's"), so no stray letters become words. */
function uncontract(text: string): string {
  return text
    .replace(
      /\b(can|won|don|doesn|didn|isn|aren|wasn|weren|haven|hasn|hadn|wouldn|shouldn|couldn|ain)['’]t\b/g,
      ' not',
    )
    .replace(/['’](s|re|m|ll|d|ve)\b/g, '');
}

/** Chat mentions (<@123>, <@&role>, <#channel>, <!here>, @everyone) name people, not what to look for. */
export function withoutMentions(text: string): string {
  return text.replace(/<[@#!][^>\s]*>/g, ' ').replace(/@(everyone|here|channel)\b/gi, ' ');
}

export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  w = w.replace(/iz(e|ing|ation)?$/, 'is$1');
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export interface Terms {
  /** Word-level terms: stemmed English words, numbers and Chinese words. */
  words: string[];
  /** Character bigrams of Chinese runs, a fallback for words the segmenter splits differently. */
  bigrams: string[];
}

/** Whether a word carries no subject of its own (a function word, a filler, a question word). */
export function isStop(word: string): boolean {
  if (!HAN.test(word)) return EN_STOP.has(word);
  // A segment of function words only (都不, 也不, 到底是) is one as well.
  return ZH_STOP.has(word) || madeOfStopWords([...word]);
}

/** Whether the characters split into function words (a segment is a few characters, so this is cheap). */
function madeOfStopWords(chars: string[]): boolean {
  const splits = [true];
  for (let end = 1; end <= chars.length; end++)
    splits[end] = [1, 2, 3].some(
      (n) => end >= n && splits[end - n] === true && ZH_STOP.has(chars.slice(end - n, end).join('')),
    );
  return splits[chars.length] === true;
}

/** Terms of a text; `keepStopwords` is for indexing, where stop words simply never get queried. */
/** Text in Latin letters, digits, punctuation and spaces only: words split cleanly without a dictionary. */
const PLAIN = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]*$/u;

export function terms(text: string, keepStopwords = false): Terms {
  const normalized = uncontract(normalize(text));
  // Latin text needs no word segmenter, and skipping it keeps its (large) dictionaries unloaded until a
  // Chinese query comes.
  if (PLAIN.test(normalized)) {
    const words: string[] = [];
    for (const raw of normalized.split(/[^\p{L}\p{N}]+/u)) {
      if (!raw || (!keepStopwords && isStop(raw))) continue;
      words.push(stem(raw));
    }
    return { words, bigrams: [] };
  }
  const words: string[] = [];
  const bigrams: string[] = [];
  for (const { segment, isWordLike } of segmenterOf().segment(normalized)) {
    if (!isWordLike && !WORDLIKE.test(segment)) continue;
    if (HAN.test(segment)) {
      if (keepStopwords || !isStop(segment)) words.push(segment);
      continue;
    }
    for (const raw of segment.split(/[^\p{L}\p{N}]+/u)) {
      if (!raw || (!keepStopwords && isStop(raw))) continue;
      words.push(stem(raw));
    }
  }
  // Bigrams over Han runs of the whole text (not per segment) so they bridge segmenter boundaries.
  for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const bigram = chars[i]! + chars[i + 1]!;
      if (keepStopwords || !(ZH_STOP.has(chars[i]!) && ZH_STOP.has(chars[i + 1]!))) bigrams.push(bigram);
    }
  }
  return { words, bigrams };
}

/** Whether a term is Chinese (Han characters), which is matched by words and bigrams rather than spelling. */
export function isHan(term: string): boolean {
  return HAN.test(term);
}
