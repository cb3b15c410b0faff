// The Mercado Pago SDK (v3) sends every call to a constant base URL
// (AppConfig.BASE_URL) with the global fetch, and passes any option it does
// not know on to fetch. Node's fetch accepts a `dispatcher`: this one sends
// the request to MERCADOPAGO_BASE_URL instead (a sandbox proxy, a local test
// double), through Node's own connection pool. With the default base URL no
// dispatcher is used at all.

/** The part of undici's Dispatcher that fetch calls. */
interface Dispatcher {
  dispatch(options: { origin?: string | URL; path: string }, handler: unknown): boolean;
}

const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

export const MERCADOPAGO_API = "https://api.mercadopago.com";

/** Extra SDK options that route its requests to `baseUrl`; empty for the real API. */
export function baseUrlOptions(baseUrl: string): Record<string, unknown> {
  const target = new URL(baseUrl);
  if (target.origin === MERCADOPAGO_API && (target.pathname === "/" || target.pathname === "")) return {};
  const prefix = target.pathname.replace(/\/$/, "");
  const dispatcher: Dispatcher = {
    dispatch(options, handler) {
      // Looked up per request: Node creates its global dispatcher when fetch first loads.
      const global = (globalThis as Record<symbol, Dispatcher | undefined>)[GLOBAL_DISPATCHER];
      if (!global) throw new Error("no global fetch dispatcher to route Mercado Pago requests through");
      return global.dispatch({ ...options, origin: target.origin, path: `${prefix}${options.path}` }, handler);
    },
  };
  return { dispatcher };
}
