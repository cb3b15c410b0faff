// Time-based work (reminders, expiring holds, waitlist offers) runs from a
// node-cron tick. Each task reads what is due at the injected clock's `now`
// and claims rows with SKIP LOCKED, so two instances never do the same work
// and a tick after downtime catches up on everything that came due meanwhile.
import cron from "node-cron";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";

export interface TimedTask {
  name: string;
  run(now: Date): Promise<unknown>;
}

export async function runTimedTasks(tasks: TimedTask[], clock: Clock, logger: Logger): Promise<void> {
  for (const task of tasks) {
    try {
      await task.run(clock.now());
    } catch (error) {
      logger.error({ task: task.name, err: error }, "timed task failed");
    }
  }
}

/** Every minute at second 0 (and once at start, to catch up after downtime). */
export function scheduleTimedTasks(tasks: TimedTask[], clock: Clock, logger: Logger): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return; // a slow tick is never overlapped by the next
    running = true;
    try {
      await runTimedTasks(tasks, clock, logger);
    } finally {
      running = false;
    }
  };
  const job = cron.schedule("* * * * *", tick, { name: "zelo-timed-tasks" });
  void tick();
  return { stop: () => void job.stop() };
}
