// Fault injection for the emulated Metacontroller. Each hook returns true (or
// a number) for the syncs it wants to disturb; `seq` counts hook calls from 1.

import type { KObject } from '../engine/kobject.ts';

export interface SyncContext {
  seq: number;
  now: number;
  parent: KObject;
}

export interface MetacontrollerFaults {
  /** Lose this sync's status write (Metacontroller died between managing children and writing status). */
  dropStatusWrite?: (ctx: SyncContext) => boolean;
  /**
   * Deliver a parent this many writes old (an informer cache that lags): the
   * request carries that older status, and the status write then overwrites
   * the newer one, as AtomicStatusUpdate does.
   */
  staleParent?: (ctx: SyncContext) => number;
  /**
   * Deliver the children as the previous sync saw them (a child informer that
   * lags): a child created by that sync is missing, a deleted one still shows,
   * an updated one shows its old body. Metacontroller then also manages
   * against that view, so creates hit AlreadyExists and are swallowed.
   */
  staleChildren?: (ctx: SyncContext) => boolean;
  /**
   * Apply the answer this parent got that many calls ago instead of calling
   * the hook: a late answer from a slow replica computed on an older view, or
   * an ETag cache serving an old body. 0 or no earlier answer: call the hook.
   */
  replayAnswer?: (ctx: SyncContext) => number;
}
