import { lazyPage, type NavigationSection } from '../app/navigation-types.js';
import { messageOf } from '../i18n/message-bundle.js';
import { DashboardIcon, MachineIcon, TaskIcon } from './fleet-icons.js';
import { fleetMessages } from './fleet-messages.js';

/** Tasks are for every user (each sees their own). */
export const fleetSection: NavigationSection = {
  id: 'fleet',
  label: messageOf(fleetMessages, 'sectionTitle'),
  isService: true,
  pages: [
    {
      path: '/fleet/tasks',
      label: messageOf(fleetMessages, 'navTasks'),
      description: messageOf(fleetMessages, 'navTasksDescription'),
      icon: TaskIcon,
      page: lazyPage(() => import('./fleet-tasks-page.js'), 'FleetTasksPage'),
    },
  ],
  routes: [
    { path: '/fleet/tasks/:id', page: lazyPage(() => import('./fleet-task-page.js'), 'FleetTaskPage') },
  ],
};

/** The dashboard and machines read admin-only endpoints, so the whole section is hidden from other users. */
export const fleetAdminSection: NavigationSection = {
  id: 'fleet-admin',
  label: messageOf(fleetMessages, 'sectionAdminTitle'),
  requiredRole: 'admin',
  pages: [
    {
      path: '/fleet/dashboard',
      label: messageOf(fleetMessages, 'navDashboard'),
      description: messageOf(fleetMessages, 'navDashboardDescription'),
      icon: DashboardIcon,
      page: lazyPage(() => import('./fleet-dashboard-page.js'), 'FleetDashboardPage'),
    },
    {
      path: '/fleet/machines',
      label: messageOf(fleetMessages, 'navMachines'),
      description: messageOf(fleetMessages, 'navMachinesDescription'),
      icon: MachineIcon,
      page: lazyPage(() => import('./fleet-machines-page.js'), 'FleetMachinesPage'),
    },
  ],
  routes: [
    {
      path: '/fleet/machines/:id',
      page: lazyPage(() => import('./fleet-machine-page.js'), 'FleetMachinePage'),
    },
  ],
};
