import { LocalAuthorityStaffRoles, ServiceManagerRoles } from '@cpc/contracts';
import { Allow, ApiProblems, CurrentPrincipal, type Principal } from '@cpc/http';
import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PolicyInForce } from '../application/policy-in-force';
import { DEADLINE_KINDS } from '../domain/default-policy';
import { PolicyOverrideDto, PolicyView, presentPolicy, toOverride } from './policy.dto';

const READERS = LocalAuthorityStaffRoles;
// Setting a local authority's timings is a service managers' decision.
const POLICY_OWNERS = ServiceManagerRoles;

@ApiTags('policy')
@Controller('policy')
export class PolicyController {
  constructor(private readonly policies: PolicyInForce) {}

  @Get()
  @ApiOperation({
    summary: 'Read the deadline policy',
    description:
      "The timings in force for the caller's local authority: DOMAIN.md's defaults (R-PREP steps, R-NOTDAY, R-POST-1, R-POST-2, R-POST-3) with its overrides.",
  })
  @ApiOkResponse({
    type: PolicyView,
    description: "The deadline policy in force for the caller's local authority: DOMAIN.md's defaults and its overrides",
  })
  @Allow({ roles: READERS, scope: 'policy:read' })
  async get(@CurrentPrincipal() caller: Principal): Promise<PolicyView> {
    return presentPolicy(await this.policies.forLocalAuthority(caller.la));
  }

  @Put(':kind')
  @ApiOperation({
    summary: 'Override one deadline kind',
    description:
      'A service manager sets the timing of one kind for the local authority (422 when the timing breaks the rule it comes from); deadlines placed from now on use it, those already placed keep theirs.',
  })
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS })
  @ApiOkResponse({ type: PolicyView, description: 'Overrides one kind for the local authority; deadlines placed from now on use it' })
  @ApiProblems(422)
  @Allow({ roles: POLICY_OWNERS, scope: 'policy:write' })
  async override(@Param('kind') kind: string, @Body() body: PolicyOverrideDto, @CurrentPrincipal() caller: Principal): Promise<PolicyView> {
    return presentPolicy(await this.policies.override(caller.la, kind, toOverride(body), caller.sub));
  }

  @Delete(':kind')
  @ApiOperation({
    summary: 'Clear an override',
    description: "One kind back to DOMAIN.md's default for the local authority.",
  })
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS })
  @ApiOkResponse({ type: PolicyView, description: 'Back to the default for this kind' })
  @Allow({ roles: POLICY_OWNERS, scope: 'policy:write' })
  async clear(@Param('kind') kind: string, @CurrentPrincipal() caller: Principal): Promise<PolicyView> {
    return presentPolicy(await this.policies.clear(caller.la, kind));
  }
}
