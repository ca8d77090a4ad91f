/**
 * How passages, sections and sources appear in view models: one place, so every surface credits them alike.
 */
import type { Content } from '../content/load.js';
import type { Passage } from '../content/schema.js';
import type { Credits } from './credits.js';
import type { PassageView, SectionRef, SourceRef } from './views.js';

export class PassageViews {
  constructor(
    private readonly content: Content,
    private readonly credits: Credits,
  ) {}

  passage(passage: Passage): PassageView {
    const view: PassageView = {
      id: passage.id,
      kind: passage.kind,
      section: this.section(passage.section),
      zh: passage.zh,
      en: passage.en,
      attribution: this.credits.passage(passage),
    };
    if (passage.quoting) view.quoting = passage.quoting;
    if (passage.renders) view.renders = passage.renders;
    return view;
  }

  /** A passage cited as a source: its id and the section it sits in. */
  source(id: string): SourceRef {
    return { id, section: this.section(this.content.passageById.get(id)!.section) };
  }

  section(id: string): SectionRef {
    const { en, zh, origin } = this.content.meta.sections.find((s) => s.id === id)!;
    return { en, zh, origin };
  }
}
