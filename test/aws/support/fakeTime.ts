/** A clock that only moves when the code under test sleeps, and a record of the sleeps. */
export function fakeTime(start = 0): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
  };
}
