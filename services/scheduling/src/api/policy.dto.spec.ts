import { describeOpenApi } from '@cpc/runtime';
import Ajv from 'ajv';
import { DEFAULT_RULES } from '../domain/default-policy';
import { SchedulingConfig } from '../scheduling.config';
import { schedulingService } from '../scheduling.definition';
import { presentPolicy, toOverride } from './policy.dto';

// Issue 11 item 6: GET /policy answered rules[].satisfiedBy as objects where the published schema said strings.
describe('the published /policy schema', () => {
  it('accepts what GET /policy returns for the default policy, satisfiedBy objects included', async () => {
    const document = await describeOpenApi(schedulingService(new SchedulingConfig()));
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi');
    const validate = ajv.compile({ $ref: 'openapi#/components/schemas/PolicyView' });
    const view = JSON.parse(JSON.stringify(presentPolicy({ localAuthority: 'LA-1', rules: [...DEFAULT_RULES], overridden: [] })));

    expect(validate(view) ? [] : validate.errors).toEqual([]);
    const satisfiedBy = document.components!.schemas!.RuleView as { properties: Record<string, { items: { $ref?: string } }> };
    expect(satisfiedBy.properties.satisfiedBy.items.$ref).toBe('#/components/schemas/SatisfierView');
  });
});

describe('a policy override as sent', () => {
  it('treats JSON null for enabled as no change, as an absent field is', () => {
    expect(toOverride({ enabled: null } as never)).toEqual({});
    expect(toOverride({ enabled: false })).toEqual({ enabled: false });
  });
});
