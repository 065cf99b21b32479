import { DomainError } from '@cpc/contracts';
import { ForbiddenProblem } from './auth';
import { problemOf } from './domain-problem';
import {
  ConflictProblem,
  NotFoundProblem,
  PreconditionFailedProblem,
  UnprocessableProblem,
  ValidationProblem,
  type Problem,
} from './problem';

const doc = (problem: Problem) => problem.toDocument('/x');

describe('problemOf: a domain refusal reads exactly as the problem it replaces', () => {
  it.each<[string, DomainError, Problem]>([
    [
      'invalid → 400 validation-error',
      DomainError.invalid([{ field: 'mobile', message: 'must be a UK mobile' }]),
      new ValidationProblem([{ field: 'mobile', message: 'must be a UK mobile' }]),
    ],
    [
      'forbidden → 403',
      DomainError.forbidden('Only the chair confirms contact (R-CONTACT).'),
      new ForbiddenProblem('Only the chair confirms contact (R-CONTACT).'),
    ],
    ['not-found → 404', DomainError.notFound('Conference', 'c-1'), new NotFoundProblem('Conference', 'c-1')],
    [
      'conflict → 409 with its code and details',
      new DomainError('conflict', 'illegal-transition', 'Not allowed in the current status', 'Cannot start (R-LIFE).', {
        currentStatus: 'CLOSED',
      }),
      new ConflictProblem('illegal-transition', 'Not allowed in the current status', 'Cannot start (R-LIFE).', { currentStatus: 'CLOSED' }),
    ],
    [
      'stale → 412 stale-version',
      DomainError.stale('You sent version 1.', { currentVersion: 2 }),
      new PreconditionFailedProblem('You sent version 1.', { currentVersion: 2 }),
    ],
    [
      'a field refusal → 422 naming the field',
      DomainError.field('start-in-past', 'The conference cannot start in the past', 'scheduledStart', 'must be in the future'),
      new UnprocessableProblem('start-in-past', 'The conference cannot start in the past', 'scheduledStart must be in the future', {
        errors: [{ field: 'scheduledStart', message: 'must be in the future' }],
      }),
    ],
  ])('%s', (_, error, expected) => {
    expect(doc(problemOf(error))).toEqual(doc(expected));
    expect(problemOf(error).getStatus()).toBe(expected.getStatus());
  });

  it('keeps the rule id the message cites in the detail', () => {
    const error = DomainError.field('chair-agreement-required', 'THREE_PART needs the chair', 'chairAgreed', 'must be true (R-OPT-2)');
    expect(doc(problemOf(error)).detail).toContain('R-OPT-2');
    expect(error.name).toBe('DomainError');
  });
});
