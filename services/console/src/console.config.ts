import { ServiceConfig } from '@cpc/config';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** Settings of the operations console; every field is an environment variable (README "Configuration"). */
export class ConsoleConfig extends ServiceConfig {
  override PORT = 3005;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_console';
  override KAFKA_CLIENT_ID = 'cpc-console';
  override KAFKA_GROUP_ID = 'cpc-console';

  /** How often the Today page refreshes its lists where JavaScript is on (without it, a reload shows the same). */
  @IsInt() @Min(2) @Max(3600) @Transform(toInt) TODAY_REFRESH_SECONDS = 15;
  /** Most rows each Today list shows (the counts at the top are always complete). */
  @IsInt() @Min(10) @Max(5000) @Transform(toInt) TODAY_LIST_LIMIT = 200;

  /**
   * Whether a development bearer token (HS256 with AUTH_JWT_SECRET, the other services' test tokens) is
   * accepted in the Authorization header or the console's development cookie. Never in production:
   * there only the sign-in session names the user.
   */
  developmentTokensAccepted(): boolean {
    return this.NODE_ENV !== 'production';
  }
}
