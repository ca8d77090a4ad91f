/**
 * Subjects an AI audience often asks about that this talk never treats. A question about one of them is
 * refused however familiar its other words are ("how much is a Kimi membership": Kimi is in the talk,
 * memberships are not). Every expression here is absent from the talk's text and from the bridges between
 * wordings (a test keeps it so); any that came to appear there is ignored, so the list can never refuse
 * what the talk says.
 */
import { isHan, normalize, terms } from './tokens.js';

export const OFF_TOPIC: Record<string, string[]> = Object.fromEntries(
  Object.entries({
    'other labs, products and people':
      'chatgpt | claude | anthropic | gemini | bard | deepmind | google | microsoft | meta ai | ' +
      'llama | mistral | deepseek | qwen | baidu | ernie | alibaba | bytedance | doubao | zhipu | ' +
      'chatglm | baichuan | minimax | perplexity | midjourney | sora | stable diffusion | nvidia | ' +
      'amd | huawei | tsmc | apple | tesla | grok | altman | sutskever | musk | hinton | lecun | ' +
      'jensen huang | kaplan | chinchilla | alphago | alphazero | 文心 | 通义 | 千问 | 豆包 | 智谱 | 百川 | 百度 | 阿里 | 字节 | 英伟达 | 华为 | 昇腾 | 台积电 | 谷歌 | 微软 | ' +
      '苹果 | 马斯克 | 奥特曼 | 黄仁勋',
    'stocks, valuations and funding':
      'stock | stock price | share price | stock market | valuation | funding | fundraising | ipo | ' +
      'go public | market cap | investor | venture capital | 股票 | 股价 | 股市 | 炒股 | 估值 | 融资 | 上市 | 市值 | ' +
      '投资人 | 风投',
    'prices, plans and billing':
      'per million tokens | subscription | subscribe | membership | premium | ' +
      'paid plan | free tier | refund | billing | 价钱 | 定价 | 收费 | 会员 | 订阅 | 充值 | 退款 | 免费版 | 套餐',
    'regulation, law and policy':
      'regulation | regulate | regulator | regulatory | legislation | lawsuit | legal | government | ' +
      'copyright | privacy | compliance | license | 监管 | 法规 | 法律 | 立法 | 政策 | 政府 | 合规 | 版权 | 隐私 | 诉讼 | ' +
      '牌照 | 备案',
    'export controls and geopolitics':
      'export control | export ban | sanction | embargo | entity list | tariff | decoupling | ' +
      'geopolitics | us-china | 出口管制 | 制裁 | 禁运 | 实体清单 | 卡脖子 | 关税 | 国产替代 | 中美 | 地缘',
    'benchmarks and leaderboards': 'leaderboard | arena | elo | 跑分 | 榜单 | 排行榜 | 评测 | 测评 | 打榜',
    'hiring and careers':
      'hiring | hire | recruit | job opening | internship | salary | compensation | 招聘 | 招人 | 实习 | ' +
      '内推 | 简历 | 面试 | 薪资 | 薪水 | 工资 | 待遇 | 年薪 | 跳槽',
    'jobs lost to AI':
      'unemployment | unemployed | jobless | job loss | lose jobs | lose their jobs | layoff | ' +
      'laid off | replace jobs | replace workers | take my job | take our jobs | steal jobs | 失业 | ' +
      '裁员 | 饭碗 | 下岗 | 丢工作 | 取代人类',
    'the speaker’s private life':
      'married | marriage | wife | husband | girlfriend | net worth | hometown | birthday | hobby | ' +
      'graduate | alma mater | band | drums | drummer | 哪里人 | 多大年纪 | 今年多大 | 多少岁 | 乐队 | 鼓手 | 结婚 | 妻子 | 老婆 | 女儿 | 儿子 | 家人 | 身价 | 年龄 | 几岁 | 老家 | 爱好 | 毕业 | 母校 | 读博',
    'chips and GPUs': 'graphics card | h100 | h800 | a100 | 多少张卡 | 多少卡',
    'model specifications and training details': 'reward model | reward hacking | 上下文窗口 | 奖励模型',
    'product features': 'book a flight | book flights | book a hotel | 订机票 | 订酒店 | 点外卖',
    'how-to and code':
      'python | pytorch | tensorflow | cuda | install | tutorial | fine-tune | fine-tuning | ' +
      'finetune | lora | rag | retrieval-augmented | prompt engineering | api key | sdk | github | ' +
      'hugging face | huggingface | langchain | vector database | 微调 | 提示词 | 教程 | 安装 | 写个脚本',
    'AI safety and doom':
      'existential | extinction | wipe out humanity | doom | doomsday | ai safety | takeover | ' +
      'killer robot | 灭绝 | 毁灭人类 | 统治人类 | 失控 | 末日',
    'energy and climate':
      'electricity | power consumption | energy | carbon | emissions | climate | power grid | ' +
      'nuclear | 电力 | 耗电 | 用电 | 能耗 | 碳排放 | 电费 | 核电',
    'open and closed source': 'open source | open-source | open weights | closed source | 开源 | 闭源',
    robots: 'robot | robots | robotics | humanoid | embodied | 机器人 | 具身',
    'other talks and shows': 'podcast | 播客',
  }).map(([subject, list]) => [subject, list.split(' | ')]),
);

/** An off-topic expression, analysed (by the build when a snapshot is used). */
export interface OffTopicExpression {
  subject: string;
  han: boolean;
  text: string;
  words: string[];
  /** Longer Chinese expressions the talk's bridges know that hold this one (聊天机器人 holds 机器人). */
  within: string[];
}

/**
 * Analyses the list's expressions. `inTalk`: whether the talk itself uses an expression (normalised),
 * which is then left out, so it refuses nothing. `known`: expressions the talk's bridges know; one of them
 * holding an off-topic expression is not it.
 */
export function prepareOffTopic(
  list: Record<string, string[]>,
  inTalk: (expression: Pick<OffTopicExpression, 'han' | 'text' | 'words'>) => boolean,
  known: string[] = [],
): OffTopicExpression[] {
  const prepared: OffTopicExpression[] = [];
  for (const [subject, expressions] of Object.entries(list))
    for (const raw of expressions) {
      const text = normalize(raw);
      const han = isHan(text);
      const words = han ? [] : terms(text).words;
      // An expression of function words only ("of it") has nothing to match.
      if (!han && words.length === 0) continue;
      const e = { subject, han, text, words };
      if (inTalk(e)) continue;
      prepared.push({ ...e, within: han ? known.filter((k) => k !== text && k.includes(text)) : [] });
    }
  return prepared;
}

/** Finds the off-topic subjects a query is about. */
export class OffTopic {
  /** English expressions by their first word, Chinese ones by their first character. */
  private readonly byFirstWord = new Map<string, OffTopicExpression[]>();
  private readonly byFirstChar = new Map<string, OffTopicExpression[]>();

  constructor(expressions: OffTopicExpression[]) {
    for (const e of expressions) {
      // Chinese is matched as written: no word segmenter is loaded for it before a Chinese query comes.
      const [index, key] = e.han ? [this.byFirstChar, [...e.text][0]!] : [this.byFirstWord, e.words[0]!];
      const list = index.get(key);
      if (list) list.push(e);
      else index.set(key, [e]);
    }
  }

  /** The subjects of the query's off-topic expressions, as `subject: expression`. */
  find(normalizedQuery: string, queryWords: string[]): string[] {
    const candidates = new Set<OffTopicExpression>();
    for (const w of new Set(queryWords)) for (const e of this.byFirstWord.get(w) ?? []) candidates.add(e);
    for (const c of new Set(normalizedQuery))
      for (const e of this.byFirstChar.get(c) ?? []) candidates.add(e);
    const found: string[] = [];
    for (const e of candidates) {
      const hit = e.han
        ? e.within.reduce((q, k) => q.replaceAll(k, ' '), normalizedQuery).includes(e.text)
        : queryWords.some((_, i) => e.words.every((w, k) => queryWords[i + k] === w));
      if (hit) found.push(`${e.subject}: ${e.text}`);
    }
    return found;
  }
}
