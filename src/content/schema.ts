/** zod schemas for the files in content/; the types the rest of the core uses are inferred from them. */
import { z } from '../zod.js';

const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lowercase words joined by "-"')
  .max(24);

export const talkMetaSchema = z
  .object({
    title: bilingual,
    speaker: z.object({ zh: z.string(), en: z.string(), role: bilingual }).strict(),
    venue: bilingual,
    date: z.iso.date(),
    publication: z
      .object({
        name: bilingual,
        headline: z.string().min(1),
        journalist: bilingual,
        editor: bilingual,
        note: bilingual,
      })
      .strict(),
    transcript: z
      .object({
        file: z.string().min(1),
        /** SHA-256 of the source article, so the shipped copy is proven identical to it anywhere. */
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        /** The article's own lines that open its highlights (划重点), the journalist's introduction and the talk. */
        highlightsStartAfter: z.string().min(1),
        introductionStartsAfter: z.string().min(1),
        speakerStartsAfter: z.string().min(1),
        speakerEndsBefore: z.string().min(1),
        headings: z.array(z.string().min(1)),
      })
      .strict(),
    /** `article`: a heading of the article itself; `project`: a name this project gave a stretch of it. */
    sections: z.array(bilingual.extend({ id, origin: z.enum(['article', 'project']) })).min(1),
  })
  .strict();

/** Who the words belong to: only `speaker` passages are ever attributed to the speaker. */
export const passageKind = z.enum(['speaker', 'highlight', 'introduction']);

export const passageSchema = z
  .object({
    id,
    kind: passageKind,
    section: id,
    zh: z.string().min(1),
    en: z.string().min(1),
    /** Set when the words quote someone: the person quoted. */
    quoting: bilingual.optional(),
    /** For the article's own rendering of something the speaker said: the id of his own words. */
    renders: id.optional(),
  })
  .strict();

/**
 * Questions each speaker passage answers, in people's own words, written by this project. They are searched
 * as a field of their own and never shown as quotes.
 */
const question = z.string().min(3).max(200);
export const questionsSchema = z.record(
  id,
  z.object({ en: z.array(question).min(2), zh: z.array(question).min(2) }).strict(),
);

export const topicSchema = z
  .object({
    id,
    title: bilingual,
    aliases: z.object({ en: z.array(z.string().min(1)), zh: z.array(z.string().min(1)) }).strict(),
    points: z
      .array(bilingual.extend({ cites: z.array(id).min(1) }))
      .min(3)
      .max(6),
  })
  .strict();

export const takeawaySchema = bilingual.extend({ id, cites: z.array(id).min(1) }).strict();

export const glossarySchema = z.array(
  z.object({ en: z.array(z.string().min(1)).min(1), zh: z.array(z.string().min(1)).min(1) }).strict(),
);

/**
 * Groups of expressions that mean the same in this talk's context, bridging everyday wording (and the other
 * language) to the talk's own vocabulary, for search. Written by this project.
 */
export const synonymsSchema = z.array(z.array(z.string().min(1).max(60)).min(2).max(12));

export type TalkMeta = z.infer<typeof talkMetaSchema>;
export type Passage = z.infer<typeof passageSchema>;
export type PassageKind = z.infer<typeof passageKind>;
export type Topic = z.infer<typeof topicSchema>;
export type Takeaway = z.infer<typeof takeawaySchema>;
export type GlossaryEntry = z.infer<typeof glossarySchema>[number];
export type Questions = z.infer<typeof questionsSchema>;
export type Section = TalkMeta['sections'][number];
export type Bilingual = z.infer<typeof bilingual>;
