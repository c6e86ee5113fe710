import type { Deps } from '../app/ports.js';
import type { TokenAuthenticator } from '../app/authenticate.js';
import type { Config } from '../config/config.js';

/** Everything the HTTP layer needs, built once in main.ts (tests build their own). */
export interface HttpDeps extends Deps {
  config: Pick<Config, 'publicUrl' | 'bodyLimit' | 'maxAttachmentBytes' | 'apiRateLimit' | 'loginRateLimit' | 'trustProxy'>;
  tokens: TokenAuthenticator;
  /** The first-run setup token while the desk has no agents (printed in the log), else null. */
  setupToken: () => string | null;
}
