/**
 * The shape of a UK postcode (Royal Mail's rules: which letters may stand where), outward code and
 * inward code, with or without the space. GIR 0AA, Girobank's, is the one irregular code.
 */
const OUTWARD = '(?:[A-PR-UWYZ](?:[0-9][A-HJKPSTUW]|[0-9]{1,2}|[A-HK-Y][0-9][ABEHMNPRVWXY]|[A-HK-Y][0-9]{1,2})|GIR)';
const INWARD = '[0-9][ABD-HJLNP-UW-Z]{2}';

export const UK_POSTCODE_PATTERN = `${OUTWARD} ?${INWARD}`;

/** A postcode standing at the end of an address as the case holds it, e.g. "..., London W6 0AB". */
export const TRAILING_UK_POSTCODE = new RegExp(`(?:^|[\\s,])(${UK_POSTCODE_PATTERN})\\s*$`, 'i');
