// The requests an instance holds (queued or in service), in arrival order, as an intrusive
// doubly linked list: adding and removing cost O(1) and allocate nothing (no Set entry per request).

/** A request that can sit in one {@link ActiveRequests} list: the links live on the request. */
export interface ActiveLinks<T> {
  /** @internal True while the request is in its instance's list. */
  listed: boolean;
  /** @internal Neighbours in the list (null at the ends). */
  prevActive: T | null;
  nextActive: T | null;
}

/**
 * An insertion-ordered set of requests with the links kept on the requests themselves. `shift`
 * takes them in the order they were first added, as iterating a `Set` would.
 */
export class ActiveRequests<T extends ActiveLinks<T>> {
  private head: T | null = null;
  private tail: T | null = null;

  /** Adds `request` at the end; no-op if it is already listed (it keeps its place). */
  add(request: T): void {
    if (request.listed) return;
    request.listed = true;
    request.prevActive = this.tail;
    request.nextActive = null;
    if (this.tail === null) this.head = request;
    else this.tail.nextActive = request;
    this.tail = request;
  }

  /** Removes `request`; no-op if it is not listed. */
  delete(request: T): void {
    if (!request.listed) return;
    request.listed = false;
    const prev = request.prevActive;
    const next = request.nextActive;
    if (prev === null) this.head = next;
    else prev.nextActive = next;
    if (next === null) this.tail = prev;
    else next.prevActive = prev;
    request.prevActive = null;
    request.nextActive = null;
  }

  /** Removes and returns the oldest request, or null when the list is empty. */
  shift(): T | null {
    const first = this.head;
    if (first !== null) this.delete(first);
    return first;
  }
}
