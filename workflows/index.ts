export { supervisedTask } from './supervised-task';
