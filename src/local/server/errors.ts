/** Base class of the errors the local HTTP endpoint raises while it starts. */
export class ServeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServeError';
  }
}

/**
 * The endpoint could not listen on its address: the port is used by another process, or this
 * process may not use it. `code` is Node's error code (`EADDRINUSE`, `EACCES`, ...).
 */
export class ServerListenError extends ServeError {
  readonly host: string;
  readonly port: number;
  readonly code: string | undefined;

  constructor(host: string, port: number, code: string | undefined, options?: ErrorOptions) {
    super(
      code === 'EADDRINUSE'
        ? `${host}:${port} is used by another process; stop that process or set PORT`
        : `could not listen on ${host}:${port} (${code ?? 'unknown error'}); set PORT to another port`,
      options,
    );
    this.name = 'ServerListenError';
    this.host = host;
    this.port = port;
    this.code = code;
  }
}
