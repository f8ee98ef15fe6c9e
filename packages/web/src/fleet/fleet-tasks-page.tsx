import { Button, Group, Paper, Select } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { TablePagination } from '../admin/table-pagination.js';
import { useApiQuery } from '../api/use-api-query.js';
import { EmptyResult, ErrorState, LoadingState, PageHeader } from '../app/page-states.js';
import { useMessages } from '../i18n/locale-context.js';
import { useSession } from '../session/session-context.js';
import { finalTaskStates, type TaskState, taskStates } from './fleet-api.js';
import { TaskIcon } from './fleet-icons.js';
import { fleetMessages } from './fleet-messages.js';
import { taskStateLook } from './fleet-status-badges.js';
import { taskMessages } from './fleet-task-messages.js';
import { TaskCreateDrawer } from './task-create-drawer.js';
import { TaskTable } from './task-table.js';
import { useFleetApi, useIntervalReload } from './use-fleet-api.js';

const pageSize = 20;
const refreshMs = 5_000;

export function FleetTasksPage() {
  const t = useMessages(taskMessages);
  const fleet = useMessages(fleetMessages);
  const api = useFleetApi();
  const navigate = useNavigate();
  const isAdmin = useSession().user?.role === 'admin';
  const [filter, setFilter] = useState<{ state: TaskState | null; page: number }>({ state: null, page: 1 });
  const [isCreating, setIsCreating] = useState(false);
  const query = { state: filter.state ?? undefined, page: filter.page, page_size: pageSize };
  const tasks = useApiQuery(() => api.listTasks(query), JSON.stringify(query));
  // Only admins may list machines; they get names in the table and a picker in the form.
  const machines = useApiQuery(
    () => (isAdmin ? api.listMachines().then((page) => page.items) : Promise.resolve(null)),
    `machines-${isAdmin}`,
  );
  const hasActiveTasks = (tasks.data?.items ?? []).some((task) => !finalTaskStates.has(task.state));
  useIntervalReload(tasks.reload, { intervalMs: refreshMs, isActive: hasActiveTasks });
  const machineNames = new Map((machines.data ?? []).map((machine) => [machine.id, machine.name]));
  const data = tasks.data;

  return (
    <>
      <PageHeader
        title={t('tasksTitle')}
        subtitle={isAdmin ? t('tasksSubtitleAdmin') : t('tasksSubtitleUser')}
        actions={<Button onClick={() => setIsCreating(true)}>{t('newTask')}</Button>}
      />
      <Paper p="lg">
        <Group mb="md">
          <Select
            label={t('stateFilter')}
            placeholder={t('anyState')}
            clearable
            w={200}
            value={filter.state}
            onChange={(state) => setFilter({ state: state as TaskState | null, page: 1 })}
            data={taskStates.map((state) => ({ value: state, label: fleet(taskStateLook[state].key) }))}
          />
        </Group>
        {tasks.error !== undefined && !tasks.isLoading ? (
          <ErrorState error={tasks.error} onRetry={tasks.reload} />
        ) : !data ? (
          <LoadingState />
        ) : data.items.length === 0 ? (
          <EmptyResult
            title={filter.state ? t('noMatchingTasksTitle') : t('noTasksTitle')}
            description={filter.state ? t('noMatchingTasksBody') : t('noTasksBody')}
            icon={<TaskIcon size={28} />}
          />
        ) : (
          <div aria-busy={tasks.isLoading}>
            <TaskTable tasks={data.items} machineNames={machineNames} />
            <TablePagination
              page={data.page}
              pageSize={data.page_size}
              total={data.total}
              onChange={(page) => setFilter({ ...filter, page })}
            />
          </div>
        )}
      </Paper>
      <TaskCreateDrawer
        opened={isCreating}
        machines={isAdmin ? (machines.data ?? []) : null}
        onClose={() => setIsCreating(false)}
        onCreated={(task) => {
          setIsCreating(false);
          navigate(`/fleet/tasks/${encodeURIComponent(task.id)}`);
        }}
      />
    </>
  );
}
