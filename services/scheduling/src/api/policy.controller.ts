import { LocalAuthorityStaffRoles, ServiceManagerRoles } from '@cpc/contracts';
import { Allow, CurrentPrincipal, type Principal } from '@cpc/http';
import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({
    type: PolicyView,
    description: "The deadline policy in force for the caller's local authority: DOMAIN.md's defaults and its overrides",
  })
  @Allow({ roles: READERS, scope: 'policy:read' })
  async get(@CurrentPrincipal() caller: Principal): Promise<PolicyView> {
    return presentPolicy(await this.policies.forLocalAuthority(caller.la));
  }

  @Put(':kind')
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS })
  @ApiOkResponse({ type: PolicyView, description: 'Overrides one kind for the local authority; deadlines placed from now on use it' })
  @Allow({ roles: POLICY_OWNERS, scope: 'policy:write' })
  async override(@Param('kind') kind: string, @Body() body: PolicyOverrideDto, @CurrentPrincipal() caller: Principal): Promise<PolicyView> {
    return presentPolicy(await this.policies.override(caller.la, kind, toOverride(body), caller.sub));
  }

  @Delete(':kind')
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS })
  @ApiOkResponse({ type: PolicyView, description: 'Back to the default for this kind' })
  @Allow({ roles: POLICY_OWNERS, scope: 'policy:write' })
  async clear(@Param('kind') kind: string, @CurrentPrincipal() caller: Principal): Promise<PolicyView> {
    return presentPolicy(await this.policies.clear(caller.la, kind));
  }
}
