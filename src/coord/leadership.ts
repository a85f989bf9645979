// Leader work and its fence (DESIGN §5; DIGEST §5.5). Background jobs that only one instance
// may run (the sweeper, purges) are given a Leadership and call `assertLeading()` before every
// step: once the instance's session may have lapsed, or another instance leads, the next step
// throws LeadershipLost instead of running. That is expected after a step-down (self-fencing,
// a lost session, a resignation), not a failure: the work resumes on whichever instance leads.
//
// Guarantee: a step that begins after `assertLeading()` returned began while this instance
// led with a fresh session (the Election's guarantee, see types.ts); nothing bounds how long
// the step itself runs, so steps stay short (one transaction, one batch of objects).

/** What leader work is given: whether this instance may do leader work right now. */
export interface Leadership {
  /** True only while this instance leads and its session cannot have expired. */
  leading(): boolean;
}

/** Thrown by `assertLeading` when leader work finds that this instance no longer leads. */
export class LeadershipLost extends Error {
  constructor(readonly work: string) {
    super(`leadership lost: stopping ${work}`);
    this.name = 'LeadershipLost';
  }
}

/** Before every step of leader work: throws LeadershipLost unless this instance leads now. */
export function assertLeading(leadership: Leadership, work: string): void {
  if (!leadership.leading()) throw new LeadershipLost(work);
}
