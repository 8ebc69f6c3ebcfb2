/**
 * A tiny CRUD API for multi-step probe flows: create an item, read it back, delete it. Items live in
 * memory per server. With a token, every call needs `authorization: Bearer <token>`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A stored item. */
export interface Item {
  id: string;
  name: string;
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const etagOf = (item: Item) => `"${item.id}-${Buffer.from(item.name).toString('base64url')}"`;

/** Builds the `/items` handler; returns false for paths it does not own. */
export function createItemsApi(
  token: string | undefined,
): (req: IncomingMessage, res: ServerResponse, path: string, body: string) => boolean {
  const items = new Map<string, Item>();
  let nextId = 1;
  return (req, res, path, body) => {
    if (path !== '/items' && !path.startsWith('/items/')) return false;
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      sendJson(res, 401, { error: 'missing or wrong bearer token' }, { 'www-authenticate': 'Bearer realm="items"' });
      return true;
    }
    const id = path.slice('/items/'.length);
    if (path === '/items' && req.method === 'POST') {
      let name: unknown;
      try {
        name = (JSON.parse(body) as { name?: unknown }).name;
      } catch {
        name = undefined;
      }
      if (typeof name !== 'string' || name === '') {
        sendJson(res, 400, { error: 'body must be JSON with a non-empty "name"' });
        return true;
      }
      const item = { id: String(nextId++), name };
      items.set(item.id, item);
      sendJson(res, 201, item, { location: `/items/${item.id}`, etag: etagOf(item) });
    } else if (path === '/items' && req.method === 'GET') {
      sendJson(res, 200, [...items.values()]);
    } else if (req.method === 'GET' || req.method === 'DELETE') {
      const item = items.get(id);
      if (!item) sendJson(res, 404, { error: `no item ${id}` });
      else if (req.method === 'GET') sendJson(res, 200, item, { etag: etagOf(item) });
      else {
        items.delete(id);
        res.writeHead(204).end();
      }
    } else {
      sendJson(
        res,
        405,
        { error: `${req.method} not allowed on ${path}` },
        { allow: path === '/items' ? 'GET, POST' : 'GET, DELETE' },
      );
    }
    return true;
  };
}
