-- Issue 17 moved the Quartz adapter (ScheduledJobRunner) from the web project to the application layer. A stored job
-- names the class Quartz loads, and the scheduler keeps stored jobs as they are (IgnoreDuplicates): rename it, and give
-- back to the schedule the triggers that a firing with the old name put into Quartz's ERROR state.
UPDATE qrtz_job_details
   SET job_class_name = 'Mys.Signing.Application.Scheduling.ScheduledJobRunner, Mys.Signing.Application'
 WHERE job_class_name = 'Mys.Signing.Web.Infrastructure.Scheduling.ScheduledJobRunner, Mys.Signing.Web';

UPDATE qrtz_triggers t
   SET trigger_state = 'WAITING'
 WHERE t.trigger_state = 'ERROR'
   AND EXISTS (SELECT 1 FROM qrtz_job_details j
                WHERE j.sched_name = t.sched_name AND j.job_name = t.job_name AND j.job_group = t.job_group
                  AND j.job_class_name = 'Mys.Signing.Application.Scheduling.ScheduledJobRunner, Mys.Signing.Application');
