/**
 * Who wrote what, in words every surface shows: the speaker's own words, the publication's highlights, the
 * journalist's introduction, and what this project wrote from the talk (translations, summaries, takeaways).
 */
import type { Bilingual, Passage, TalkMeta } from '../content/schema.js';

export class Credits {
  constructor(private readonly meta: TalkMeta) {}

  /** The speaker, where and when: the byline of his own words. */
  speaker(quoting?: Bilingual): Bilingual {
    const { speaker, venue, date, publication } = this.meta;
    return {
      en: `${speaker.en} (${speaker.zh}), ${speaker.role.en}${quoting ? `, quoting ${quoting.en}` : ''} · ${venue.en} · ${date} · transcript: ${publication.name.en}`,
      zh: `${speaker.zh},${speaker.role.zh}${quoting ? `,引用${quoting.zh}` : ''} · ${venue.zh} · ${date} · 实录:${publication.name.zh}`,
    };
  }

  /** Whose words a passage's Chinese text is. Only `speaker` passages are ever credited to the speaker. */
  passage(passage: Passage): Bilingual {
    const { publication: pub, speaker } = this.meta;
    switch (passage.kind) {
      case 'highlight':
        // The source credits the highlights (划重点) to the publication, not to a named editor.
        return {
          en: `Highlight (划重点) by ${pub.name.en}, not the speaker's words`,
          zh: `${pub.name.zh}划重点,非演讲者原话`,
        };
      case 'introduction':
        if (passage.renders)
          return {
            en: `Journalist's introduction by ${pub.journalist.en}, ${pub.name.en}: the article's rendering of what ${speaker.en} said${passage.quoting ? ` quoting ${passage.quoting.en}` : ''}, not the speaker's words (his own words: #${passage.renders})`,
            zh: `${pub.name.zh}记者${pub.journalist.zh}撰写的导语:文章对${speaker.zh}${passage.quoting ? `引用${passage.quoting.zh}的` : ''}话的转述,非演讲者原话(原话见 #${passage.renders})`,
          };
        return {
          en: `Journalist's introduction by ${pub.journalist.en}, ${pub.name.en}, not the speaker's words`,
          zh: `${pub.name.zh}记者${pub.journalist.zh}撰写的导语,非演讲者原话`,
        };
      case 'speaker':
        return this.speaker(passage.quoting);
    }
  }

  /** The credit line of text this project wrote from the talk: it never reads as the speaker's byline. */
  written(what: 'summary' | 'takeaway'): Bilingual {
    const { speaker, venue, date, publication } = this.meta;
    const en = what === 'summary' ? 'Summary' : 'Takeaway';
    const zh = what === 'summary' ? '总结' : '要点';
    return {
      en: `${en} written by this project from ${speaker.en}'s talk (${venue.en}, ${date}; transcript: ${publication.name.en}), not a quote`,
      zh: `本项目根据${speaker.zh}的演讲(${venue.zh},${date};实录:${publication.name.zh})撰写的${zh},非原话`,
    };
  }
}
