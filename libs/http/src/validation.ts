import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidationProblem, type FieldProblem } from './problem';

/**
 * Class-validator for every body and query: unknown fields are refused, not ignored
 * (ARCHITECTURE.md "REST"), and each error names its field path. Before that, any string holding a
 * C0 control character other than tab, line feed and carriage return (a NUL byte above all, which
 * PostgreSQL refuses in text and jsonb) is refused with a 400 naming the field, instead of a 500.
 */
export function createValidationPipe(): ValidationPipe {
  return new ControlCharacterRefusingPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
}

const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const CHECKED: ArgumentMetadata['type'][] = ['body', 'query', 'param'];

class ControlCharacterRefusingPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (CHECKED.includes(metadata.type)) {
      const fields = fieldsWithControlCharacters(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (fields.length > 0) {
        throw new ValidationProblem(
          fields.map((field) => ({ field, message: 'must not contain control characters (other than tab and new line)' })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

/** The field paths (`participants[0].firstName`) of every string, or key, holding a forbidden control character. */
export function fieldsWithControlCharacters(value: unknown, path = '', depth = 0): string[] {
  if (typeof value === 'string') return FORBIDDEN_CONTROL.test(value) ? [path || 'body'] : [];
  if (typeof value !== 'object' || value === null || depth > 32) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => fieldsWithControlCharacters(item, `${path}[${i}]`, depth + 1));
  return Object.entries(value).flatMap(([key, inner]) => {
    const field = path ? `${path}.${printable(key)}` : printable(key);
    return FORBIDDEN_CONTROL.test(key) ? [field] : fieldsWithControlCharacters(inner, field, depth + 1);
  });
}

const printable = (key: string) =>
  key.replace(new RegExp(FORBIDDEN_CONTROL.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'is not a known field'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
