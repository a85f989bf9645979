// Hooks are added to one route's own lists as the route is added (an `onRoute` hook) rather
// than to the whole app wherever only some routes need them: a route without the need (a stat,
// a GET with no body) then pays nothing. Fastify takes a route's hooks of one kind as one
// function or an array; this is the one place that reads them as a list.

/** A route's own hooks of one kind (`route.onRequest`, `route.onSend`, …), as a list. */
export function hookList<H>(hooks: H | readonly H[] | undefined): H[] {
  return hooks === undefined ? [] : ([hooks].flat() as H[]);
}
