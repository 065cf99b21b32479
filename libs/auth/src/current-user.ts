import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ConsoleUser } from './console-user';

/** The signed-in console user in a Nest handler: `page(@CurrentUser() user: ConsoleUser)`. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): ConsoleUser | undefined => {
  return context.switchToHttp().getRequest<{ user?: ConsoleUser }>().user;
});
