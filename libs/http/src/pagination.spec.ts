import fc from 'fast-check';
import { createValidationPipe } from './validation';
import { MAX_PAGE, MAX_PAGE_SIZE, PageNumber, PageQuery, PageSize } from './pagination';
import { ValidationProblem } from './problem';

class ListQuery extends PageQuery {}
class DefaultedQuery {
  @PageNumber() page = 1;
  @PageSize() pageSize = 50;
}

const pipe = createValidationPipe();
const parse = (query: Record<string, unknown>, metatype: new () => object = ListQuery) =>
  pipe.transform(query, { type: 'query', metatype, data: undefined });
const fieldsOf = async (query: Record<string, unknown>): Promise<string[]> => {
  try {
    await parse(query);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationProblem)) throw error;
    return error.fieldErrors.map((e) => e.field);
  }
};

// Issue 11 item 3: page=1e20 passed @Type(() => Number) @IsInt() and overflowed the OFFSET (a 500).
describe('one pagination validator for every list', () => {
  it.each(['1e20', '-1', '1.5', 'abc', '0', '', ' 7', '0x10', 'Infinity', '1000001', ['1', '2']])(
    'page=%j is a 400 naming page',
    async (page) => {
      expect(await fieldsOf({ page })).toEqual(['page']);
    },
  );

  it.each(['0', '201', '1e2', '-5', '2.0'])('pageSize=%j is a 400 naming pageSize', async (pageSize) => {
    expect(await fieldsOf({ pageSize })).toEqual(['pageSize']);
  });

  it('takes digits within range as numbers and leaves the defaults when absent', async () => {
    expect(await parse({ page: '1000000', pageSize: '200' })).toEqual(Object.assign(new ListQuery(), { page: 1000000, pageSize: 200 }));
    expect(await parse({}, DefaultedQuery)).toEqual(Object.assign(new DefaultedQuery(), { page: 1, pageSize: 50 }));
  });

  it('property: a page is accepted exactly when it is written as an integer from 1 to MAX_PAGE', async () => {
    const written = fc.oneof(
      fc.integer({ min: -10, max: MAX_PAGE + 10 }).map(String),
      fc.double({ noNaN: false }).map(String),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(written, fc.integer({ min: -1, max: MAX_PAGE_SIZE + 1 }), async (page, size) => {
        const valid = /^[0-9]+$/.test(page) && Number(page) >= 1 && Number(page) <= MAX_PAGE;
        const sizeValid = size >= 1 && size <= MAX_PAGE_SIZE;
        const fields = await fieldsOf({ page, pageSize: String(size) });
        expect(fields).toEqual([...(valid ? [] : ['page']), ...(sizeValid ? [] : ['pageSize'])]);
      }),
      { numRuns: 300 },
    );
  });
});
