export { supervisedTask } from './supervised-task';
export { annualCycle } from './annual-cycle';
export { openCycleOnSchedule } from './cycle-opening';
export { jointMeeting } from './joint-meeting';
export { inspectionRound } from './inspection-round';
export { accountabilityCase } from './accountability-case';
export { rotationPlan } from './rotation-plan';
