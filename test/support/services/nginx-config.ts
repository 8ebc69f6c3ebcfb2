/**
 * nginx configuration for the nginx fixture: the main file, the upstream include that canary-deploy
 * rewrites, and the access log format with its parser.
 */

/** One `server` line of the upstream block. */
export interface UpstreamServer {
  /** `host:port` or `unix:/path`. An app server's `address` fits. */
  address: string;
  /** Relative weight, an integer of 1 or more: nginx rejects `weight=0` (use `down` instead). */
  weight?: number;
  /** Marks the server unavailable: the way to give it no traffic. */
  down?: boolean;
  /** Used only when every primary server is unavailable. */
  backup?: boolean;
}

/**
 * Renders upstream `server` lines, e.g. `server 127.0.0.1:8001 weight=90;`. It does not validate: a test
 * can write what nginx would reject and watch `nginx -t` say so.
 */
export function renderUpstreamServers(servers: readonly UpstreamServer[]): string {
  return servers
    .map((s) => {
      const params = [
        s.weight === undefined ? '' : ` weight=${s.weight}`,
        s.down ? ' down' : '',
        s.backup ? ' backup' : '',
      ];
      return `server ${s.address}${params.join('')};\n`;
    })
    .join('');
}

/** Name of the access log format the fixture defines. */
export const ACCESS_LOG_FORMAT_NAME = 'shipgate';

/**
 * The access log format, Shipgate's own: time (seconds with milliseconds), upstream address(es), upstream
 * status(es), status, upstream response time(s), total request time, request line. Upstream fields are quoted
 * because nginx writes `a, b` when it tried two servers and `-` when it tried none.
 */
export const ACCESS_LOG_FORMAT =
  '$msec "$upstream_addr" "$upstream_status" $status "$upstream_response_time" $request_time "$request"';

/** One parsed access log line. */
export interface AccessLogEntry {
  /** Milliseconds since the epoch. */
  timeMs: number;
  /** Upstream servers tried, in order (empty when nginx answered itself). */
  upstreams: string[];
  /** Status of each upstream attempt (`null` where nginx recorded `-`). */
  upstreamStatuses: (number | null)[];
  status: number;
  /** Response time of each upstream tried, in seconds (`null` where nginx recorded `-`). */
  upstreamSeconds: (number | null)[];
  /** Total time nginx spent on the request, in seconds. */
  requestSeconds: number;
  /** The request line, e.g. `GET / HTTP/1.1`. */
  request: string;
}

const LINE = /^(\d+\.\d+) "([^"]*)" "([^"]*)" (\d{3}) "([^"]*)" (\d+\.\d+) "(.*)"$/;

function splitList(field: string): string[] {
  // `a, b` for retries, `a : b` for internal redirects to another upstream group.
  return field === '-' ? [] : field.split(/\s*[,:]\s+/).filter(Boolean);
}

/**
 * Parses access log text written in {@link ACCESS_LOG_FORMAT}.
 * @throws Error naming the line that does not match the format.
 */
export function parseAccessLog(text: string): AccessLogEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const m = LINE.exec(line);
      if (!m) throw new Error(`Access log line ${index + 1} does not match ${ACCESS_LOG_FORMAT}: ${line}`);
      const [, msec, upstreams, upstreamStatuses, status, upstreamTimes, requestTime, request] =
        m as unknown as string[];
      return {
        timeMs: Math.round(Number(msec) * 1000),
        upstreams: splitList(upstreams ?? '-'),
        upstreamStatuses: splitList(upstreamStatuses ?? '-').map((t) => (t === '-' ? null : Number(t))),
        status: Number(status),
        upstreamSeconds: splitList(upstreamTimes ?? '-').map((t) => (t === '-' ? null : Number(t))),
        requestSeconds: Number(requestTime),
        request: request ?? '',
      };
    });
}

/** Paths and settings that {@link renderNginxConfig} writes into nginx.conf. */
export interface NginxConfigInput {
  prefix: string;
  port: number;
  pidFile: string;
  errorLogPath: string;
  accessLogPath: string;
  upstreamFile: string;
  upstreamName: string;
  /** Directory holding the client_body, proxy, fastcgi, uwsgi and scgi temp directories. */
  tempDir: string;
  workerProcesses: number;
  /** Run workers as root (only when the master is root: the temp dirs are private to this user). */
  runAsRoot: boolean;
  /** Extra directives in the `http` block. */
  httpConfig: string;
  /** Extra directives in the `server` block. */
  serverConfig: string;
}

/** Renders nginx.conf: everything nginx writes goes under the prefix, nothing under /var or /run. */
export function renderNginxConfig(c: NginxConfigInput): string {
  const temp = (name: string) => `${name}_temp_path ${c.tempDir}/${name};`;
  return `# Written by the Shipgate nginx test fixture.
${c.runAsRoot ? 'user root root;\n' : ''}daemon off;
master_process on;
worker_processes ${c.workerProcesses};
pid ${c.pidFile};
error_log ${c.errorLogPath} notice;
# Bounds how long reload() and stop() wait for old workers to finish their requests.
worker_shutdown_timeout 10s;

events {
  # Out of connections, nginx closes idle keep-alive connections ("reusing connections") and a client's
  # request on one fails: a loaded machine with an open-model load generator got there at 512.
  worker_connections 4096;
}

http {
  ${temp('client_body')}
  ${temp('proxy')}
  ${temp('fastcgi')}
  ${temp('uwsgi')}
  ${temp('scgi')}
  log_format ${ACCESS_LOG_FORMAT_NAME} '${ACCESS_LOG_FORMAT}';
  access_log ${c.accessLogPath} ${ACCESS_LOG_FORMAT_NAME};

  upstream ${c.upstreamName} {
    include ${c.upstreamFile};
    keepalive 16;
  }

  server {
    listen 127.0.0.1:${c.port};
    server_name localhost;

    location / {
      proxy_pass http://${c.upstreamName};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
${indent(c.serverConfig, 4)}
  }
${indent(c.httpConfig, 2)}
}
`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line.trim() ? pad + line : ''))
    .join('\n');
}
