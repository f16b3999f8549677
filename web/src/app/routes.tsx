import type { ReactNode } from 'react';
import type { Role } from './auth';
import type { Task } from '../lib/types';
import { Home } from '../pages/shared/Home';
import { Notifications } from '../pages/shared/Notifications';
import { TaskDetail } from '../pages/shared/TaskDetail';
import { LeaderTasks } from '../pages/leader/LeaderTasks';
import { OfficeHome } from '../pages/office';
import { NewTaskPage } from '../pages/office/NewTaskPage';
import { OfficeTaskPanel } from '../pages/office/OfficeTaskPanel';
import { OfficeTasks } from '../pages/office/OfficeTasks';
import { PlanPage } from '../pages/office/PlanPage';
import { UnitAssessment } from '../pages/unit/UnitAssessment';
import { UnitInbox } from '../pages/unit/UnitInbox';
import { UnitMeetings } from '../pages/unit/UnitMeetings';
import { UnitTaskActions } from '../pages/unit/UnitTaskActions';

/*
 * Every page of the workspace, in one table: each area registers its pages here (path, who may open it, its
 * navigation label). A page a role may not open shows "not found"; the API decides what data anyone sees.
 */

export interface PageRoute {
  path: string;
  /** Roles that may open it; absent: everyone signed in. */
  roles?: Role[];
  /** i18n key of its entry in the navigation (shown to `roles`); absent: reached by links only. */
  nav?: string;
  render: (params: Record<string, string>) => ReactNode;
}

export const routes: PageRoute[] = [
  // shared
  { path: '/', render: () => <Home /> },
  { path: '/tasks/:id', render: ({ id = '' }) => <TaskDetail id={id} /> },
  { path: '/notifications', nav: 'nav.notifications', render: () => <Notifications /> },

  // unit (责任单位)
  { path: '/unit/inbox', roles: ['UNIT'], nav: 'nav.unit.inbox', render: () => <UnitInbox /> },
  { path: '/unit/meetings', roles: ['UNIT'], nav: 'nav.unit.meetings', render: () => <UnitMeetings /> },
  { path: '/unit/assessment', roles: ['UNIT'], nav: 'nav.unit.assessment', render: () => <UnitAssessment /> },

  // leader and group (分管领导、领导小组)
  { path: '/leader/tasks', roles: ['LEADER', 'GROUP'], nav: 'nav.leader.tasks', render: () => <LeaderTasks /> },

  // office (协调办)
  { path: '/office', roles: ['OFFICE'], nav: 'nav.office', render: () => <OfficeHome /> },
  { path: '/office/plan', roles: ['OFFICE', 'GROUP', 'LEADER'], nav: 'nav.office.plan', render: () => <PlanPage /> },
  { path: '/office/tasks/new', roles: ['OFFICE'], nav: 'nav.office.newTask', render: () => <NewTaskPage /> },
  { path: '/office/tasks', roles: ['OFFICE'], render: () => <OfficeTasks /> },
];

/** Panels under a task's details, each shown to its roles: a unit's actions, the office's review, ... */
export interface TaskPanel {
  roles: Role[];
  render: (task: Task, reload: () => void) => ReactNode;
}

export const taskPanels: TaskPanel[] = [
  { roles: ['UNIT'], render: (task, reload) => <UnitTaskActions task={task} reload={reload} /> },
  { roles: ['OFFICE'], render: (task, reload) => <OfficeTaskPanel task={task} reload={reload} /> },
];

/** Where a person lands after sign-in. */
export function homeOf(roles: Role[]): string {
  if (roles.includes('OFFICE')) return '/office';
  if (roles.includes('UNIT')) return '/unit/inbox';
  if (roles.includes('LEADER') || roles.includes('GROUP')) return '/leader/tasks';
  return '/notifications';
}
