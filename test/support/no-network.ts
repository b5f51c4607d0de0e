/**
 * Preloaded (`node --import tsx --import ./test/support/no-network.ts`) into a process that must
 * work without the network: every way out (sockets, name lookups, HTTP, fetch) throws, so an
 * answer the process still gives cannot have come from anywhere else.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';

function refuse(what: string): never {
  throw new Error(`No network in this process: ${what} was called.`);
}

net.Socket.prototype.connect = function connect() {
  return refuse('net.Socket.connect');
};
dns.lookup = (() => refuse('dns.lookup')) as unknown as typeof dns.lookup;
dns.promises.lookup = (() => refuse('dns.promises.lookup')) as typeof dns.promises.lookup;
http.request = (() => refuse('http.request')) as typeof http.request;
http.get = (() => refuse('http.get')) as typeof http.get;
https.request = (() => refuse('https.request')) as typeof https.request;
https.get = (() => refuse('https.get')) as typeof https.get;
globalThis.fetch = (() => refuse('fetch')) as typeof fetch;
// Named imports of the built-in modules (`import { request } from 'node:http'`) see the same.
syncBuiltinESMExports();
