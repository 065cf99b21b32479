// The local identity provider's plain HTML pages (no outside fonts or scripts).
/** A whole page with this title and body. */
export function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><style>button{min-height:44px;min-width:44px;margin:4px 0}</style><title>${escape(title)} - local identity provider</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

/** Text made safe inside HTML. */
export function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
