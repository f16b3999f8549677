export { supervisedTask } from './supervised-task';
export { annualCycle } from './annual-cycle';
