// The local identity provider's plain HTML pages (no outside fonts or scripts).
/** A whole page with this title and body. */
export function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} - local identity provider</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

/** Text made safe inside HTML. */
export function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
