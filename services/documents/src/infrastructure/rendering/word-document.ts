import { Document, HeadingLevel, Packer, Paragraph } from 'docx';

/** What goes into a Word document: already the right copy for its reader (parents' or professionals'). */
export interface WordDocumentContent {
  title: string;
  sections: ReadonlyArray<{ heading: string; text: string }>;
}

/**
 * The name the file's own properties carry as author. Neutral on purpose: Word shows the author and
 * title in File > Info, so nothing identifying may go there in a parents' copy (R-RED-INIT).
 */
const AUTHOR = "Children's Services";

/**
 * R-DEL-PAR: the plan and minutes as a Word (.docx) document. Renders exactly what it is given:
 * redaction and withholding happen before, in the domain (buildParentCopy). Each line of a section's
 * text becomes a paragraph, so the layout the clerk typed survives.
 */
export async function renderWordDocument(content: WordDocumentContent): Promise<Buffer> {
  const document = new Document({
    title: content.title,
    creator: AUTHOR,
    lastModifiedBy: AUTHOR,
    sections: [
      {
        children: [
          new Paragraph({ text: content.title, heading: HeadingLevel.TITLE }),
          ...content.sections.flatMap((section) => [
            new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }),
            ...section.text.split(/\r?\n/u).map((line) => new Paragraph({ text: line })),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
