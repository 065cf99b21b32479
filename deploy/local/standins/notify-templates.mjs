// Templates as GOV.UK Notify keeps them: text with ((placeholders)) and ((name??optional text)),
// personalisation keys matched without regard to case, spaces, hyphens or underscores.
//
// Live, a council creates its templates in Notify's web admin and passes their ids. Here they come
// from NOTIFY_STANDIN_TEMPLATES (a JSON file: { "<uuid>": { "type": "email"|"sms", "name", "subject",
// "body" } }) and any other valid id is a pass-through template, "((subject))" / "((body))", the
// common way a system that writes its own wording uses Notify. A pass-through email also lists
// the link of every file it was sent with, as a template with ((link_to_file)) would.
import { readFileSync } from 'node:fs';

const PLACEHOLDER = /\(\(([^()?]+?)(\?\?([^()]*))?\)\)/g;

export const normaliseKey = (key) =>
  String(key)
    .toLowerCase()
    .replace(/[\s_-]/g, '');

export function loadTemplates(file) {
  if (!file) return new Map();
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  return new Map(Object.entries(raw).map(([id, t]) => [id.toLowerCase(), { id: id.toLowerCase(), version: 1, ...t }]));
}

export function passThroughTemplate(id, type) {
  return {
    id,
    type,
    version: 1,
    name: `pass-through ${type}`,
    subject: type === 'email' ? '((subject))' : undefined,
    body: '((body))',
    passThrough: true,
  };
}

export function placeholdersOf(template) {
  const names = new Set();
  for (const text of [template.subject, template.body]) {
    for (const match of String(text ?? '').matchAll(PLACEHOLDER)) names.add(match[1].trim());
  }
  return [...names];
}

function valueText(value) {
  if (Array.isArray(value)) return value.map((item) => `* ${item}`).join('\n');
  return String(value);
}

/** Keys the template needs and the personalisation lacks, in Notify's wording order. */
export function missingPersonalisation(template, personalisation) {
  const given = new Set(Object.keys(personalisation ?? {}).map(normaliseKey));
  return placeholdersOf(template).filter((name) => !given.has(normaliseKey(name)));
}

export function renderText(text, personalisation) {
  const values = new Map(Object.entries(personalisation ?? {}).map(([k, v]) => [normaliseKey(k), v]));
  return String(text ?? '').replace(PLACEHOLDER, (_whole, name, conditional, optionalText) => {
    const value = values.get(normaliseKey(name.trim()));
    if (conditional !== undefined) return value === true || (typeof value === 'string' && /^(yes|true)$/i.test(value)) ? optionalText : '';
    return valueText(value);
  });
}

/** Renders subject and body; a pass-through email appends the links of files it did not place. */
export function renderTemplate(template, personalisation, fileLinks = new Map()) {
  let body = renderText(template.body, personalisation);
  if (template.passThrough) {
    for (const [key, link] of fileLinks) body += `\n\n${key}: ${link}`;
  }
  // Notify's email subjects are one line.
  const subject =
    template.subject === undefined
      ? null
      : renderText(template.subject, personalisation)
          .replace(/\s*\n\s*/g, ' ')
          .trim();
  return { subject, body };
}
