import { MessageTemplates, type MessageTemplate, type MessageTemplateId } from './message-templates';

export type Personalisation = Readonly<Record<string, string>>;

export interface RenderedMessage {
  /** Present for emails. */
  readonly subject?: string;
  readonly body: string;
}

export class UnknownTemplateError extends Error {
  constructor(readonly templateId: string) {
    super(`No message template "${templateId}"`);
    this.name = 'UnknownTemplateError';
  }
}

/**
 * The personalisation does not fit the template. Unexpected keys are refused as well as missing
 * ones: a stray key is a caller's mistake, and it is how a secret (a document's password) would
 * end up somewhere it must not be (R-DEL-PWD).
 */
export class PersonalisationError extends Error {
  constructor(
    readonly templateId: MessageTemplateId,
    readonly missing: readonly string[],
    readonly unexpected: readonly string[],
    readonly unmasked: readonly string[] = [],
  ) {
    super(
      [
        `Template ${templateId}:`,
        missing.length ? `missing ${missing.join(', ')}` : '',
        unexpected.length ? `not allowed ${unexpected.join(', ')}` : '',
        unmasked.length ? `must be masked ${unmasked.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
    this.name = 'PersonalisationError';
  }
}

const SECTION = /\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g;
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

export function templateFor(id: MessageTemplateId): MessageTemplate {
  const template = MessageTemplates.get(id);
  if (!template) throw new UnknownTemplateError(id);
  return template;
}

/** Renders a message; refuses missing, unexpected and (for `*Masked` keys) unmasked values. */
export function renderTemplate(id: MessageTemplateId, personalisation: Personalisation): RenderedMessage {
  const template = templateFor(id);
  const given = (key: string) => typeof personalisation[key] === 'string' && personalisation[key].trim() !== '';
  const allowed = new Set([...template.required, ...template.optional]);
  const missing = template.required.filter((key) => !given(key));
  const unexpected = Object.keys(personalisation).filter((key) => !allowed.has(key));
  // A value meant to be masked (maskContact) must not carry the contact in clear.
  const unmasked = Object.keys(personalisation).filter(
    (key) => key.endsWith('Masked') && given(key) && !personalisation[key].includes('*'),
  );
  if (missing.length || unexpected.length || unmasked.length) throw new PersonalisationError(id, missing, unexpected, unmasked);

  const fill = (text: string) =>
    text
      .replace(SECTION, (_whole, key: string, inner: string) => (given(key) ? inner : ''))
      .replace(PLACEHOLDER, (_whole, key: string) => (given(key) ? personalisation[key].trim() : ''))
      // Sections left out must not leave gaps: at most one blank line, no trailing spaces.
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();

  const body = fill(template.body);
  if (template.subject === undefined) return { body };
  // A subject is one line whatever the values hold.
  return { subject: fill(template.subject).replace(/\s*\n\s*/g, ' '), body };
}
