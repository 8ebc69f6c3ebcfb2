/**
 * `startOsvEmulator`: the OSV API (https://google.github.io/osv.dev/api/) on 127.0.0.1 and a free port, serving
 * real advisory records. It answers `POST /v1/querybatch` (at most 1000 queries, matched by ecosystem, name and
 * version against each record's `affected` ranges and versions, paginated with `next_page_token`) and
 * `GET /v1/vulns/{id}`. Every answer is validated against the OSV schema; `close()` throws if one was not.
 * Faults: `rateLimit()` answers 429 with `retry-after`, `fail()` answers a server error or drops the connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { affectsVersion, type OsvQuery, type OsvRecord } from '@shipgate/dependencies';
import { loadAdvisories } from './osv-records.js';
import { batchSchemaErrors, osvSchemaErrors } from './osv-schema-check.js';

export interface OsvEmulatorOptions {
  /** The records served. Default: every vendored record (test/fixtures/osv/advisories). */
  records?: OsvRecord[];
  /** Advisories per query result before a `next_page_token`. Default 1000 (the real API pages large results). */
  pageSize?: number;
}

/** One request as received. */
export interface OsvRequest {
  method: string;
  path: string;
  /** For querybatch: the number of queries. */
  queries?: number;
  status: number;
}

type Fault = { status: number; retryAfterSeconds?: number } | { drop: true };

export class OsvEmulator {
  readonly requests: OsvRequest[] = [];
  readonly violations: string[] = [];
  readonly records: OsvRecord[];
  private readonly pageSize: number;
  private readonly faults: { fault: Fault; times: number; path?: RegExp }[] = [];
  private readonly server: Server;
  url = '';

  constructor(options: OsvEmulatorOptions = {}) {
    this.records = options.records ?? loadAdvisories();
    this.pageSize = options.pageSize ?? 1000;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`emulator crash: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  }

  /** The next `times` requests (matching `path`) answer 429 Too Many Requests with `retry-after`. */
  rateLimit(options: { times?: number; retryAfterSeconds?: number; path?: RegExp } = {}): void {
    this.faults.push({ fault: { status: 429, retryAfterSeconds: options.retryAfterSeconds ?? 0 }, ...rule(options) });
  }

  /** The next `times` requests (matching `path`) fail: with `status` (default 503), or by dropping the connection. */
  fail(options: { times?: number; status?: number; drop?: boolean; path?: RegExp } = {}): void {
    this.faults.push({ fault: options.drop ? { drop: true } : { status: options.status ?? 503 }, ...rule(options) });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The same as `close()`, for `useService`. */
  stop(): Promise<void> {
    return this.close();
  }

  /** Stops the server; throws when an answer did not match the schema. */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.violations.length > 0)
      throw new Error(`OSV emulator answers broke the schema:\n${this.violations.join('\n')}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://osv').pathname;
    const entry: OsvRequest = { method, path, status: 0 };
    this.requests.push(entry);
    const fault = this.takeFault(path);
    if (fault && 'drop' in fault) {
      req.socket.destroy();
      return;
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    };
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      send(
        fault.status,
        {
          code: fault.status === 429 ? 8 : 14,
          message: fault.status === 429 ? 'Too many requests.' : 'Service unavailable.',
        },
        headers,
      );
      return;
    }
    const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(path);
    if (method === 'GET' && vuln) {
      const record = this.records.find((r) => r.id === decodeURIComponent(vuln[1] as string));
      if (!record) return send(404, { code: 5, message: 'Bug not found.' });
      const errors = osvSchemaErrors(record);
      if (errors) this.violations.push(`GET ${path}: ${errors}`);
      return send(200, record);
    }
    if (method === 'POST' && path === '/v1/querybatch') {
      let queries: OsvQuery[];
      try {
        queries = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { queries: OsvQuery[] }).queries;
      } catch {
        return send(400, { code: 3, message: 'Invalid JSON.' });
      }
      entry.queries = queries?.length;
      if (!Array.isArray(queries)) return send(400, { code: 3, message: 'queries must be a list.' });
      if (queries.length > 1000) return send(400, { code: 3, message: 'Too many queries.' });
      const body = { results: queries.map((q) => this.answer(q)) };
      const errors = batchSchemaErrors(body);
      if (errors) this.violations.push(`POST ${path}: ${errors}`);
      return send(200, body);
    }
    send(404, { code: 5, message: 'Not found.' });
  }

  /** One query's result: the matching advisories from the page the token names. */
  private answer(query: OsvQuery): { vulns?: { id: string; modified: string }[]; next_page_token?: string } {
    const { ecosystem, name } = query.package ?? { ecosystem: '', name: '' };
    const matches = this.records.filter(
      (r) => !r.withdrawn && (r.affected ?? []).some((a) => affectsVersion(a, ecosystem, name, query.version)),
    );
    const start = query.page_token ? Number(Buffer.from(query.page_token, 'base64url').toString('utf8')) : 0;
    const page = matches.slice(start, start + this.pageSize).map((r) => ({ id: r.id, modified: r.modified }));
    const more = start + this.pageSize < matches.length;
    return {
      ...(page.length ? { vulns: page } : {}),
      ...(more ? { next_page_token: Buffer.from(String(start + this.pageSize)).toString('base64url') } : {}),
    };
  }

  private takeFault(path: string): { status: number; retryAfterSeconds?: number } | { drop: true } | undefined {
    const index = this.faults.findIndex((f) => f.times > 0 && (f.path === undefined || f.path.test(path)));
    const rule = this.faults[index];
    if (!rule) return undefined;
    rule.times--;
    return rule.fault;
  }
}

function rule(options: { times?: number; path?: RegExp }): { times: number; path?: RegExp } {
  return { times: options.times ?? 1, ...(options.path ? { path: options.path } : {}) };
}

/** Starts an emulator on 127.0.0.1; `close()` it when done. */
export async function startOsvEmulator(options: OsvEmulatorOptions = {}): Promise<OsvEmulator> {
  return new OsvEmulator(options).listen();
}
