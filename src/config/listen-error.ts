import { ConfigError } from './config.js';

/**
 * A listener that could not bind, as a ConfigError naming the variable that sets its port, so the operator
 * changes the right one (the HTTP port and the SMTP port used to be reported alike as "port 8080").
 */
export function listenError(err: unknown, variable: string, what: string, port: number, host: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return new ConfigError(variable, `the ${what} port ${port} on ${host} is in use by another program; set ${variable} to a free port`);
  if (code === 'EACCES') return new ConfigError(variable, `this user may not listen on the ${what} port ${port} on ${host}; set ${variable} to a port above 1023`);
  if (code === 'EADDRNOTAVAIL') return new ConfigError(variable, `${host} is not an address of this machine (${what} port ${port}); check the host setting`);
  return err;
}
