import { useState } from 'react';
import type { BoardAxis, BoardCell } from '../../../../procedures/cycle/views';
import { Link } from '../../app/router';
import { unitsChart, type MonthTrend, type UnitBar } from '../../../../render/charts';
import { Chart } from '../../components/Chart';
import { ErrorBox } from '../../components/ErrorBox';
import { TrendChart } from '../../components/TrendChart';
import { SavedViews, type SavedView } from '../../components/SavedViews';
import { query } from '../../lib/api';
import { addMessages, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/queries';
import officeCore from '../../lib/messages/office-core';

addMessages(officeCore);

interface Board {
  columns: { key: string | null; title: string }[];
  units: { unitId: string; unitName: string }[];
  cells: BoardCell[];
  trend: MonthTrend[];
}

/** Each lead unit's tasks of the board summed over its columns: done, then open by light. */
function unitBars(board: Board, t: (key: string) => string): UnitBar[] {
  return board.units.map((u) => {
    const cells = board.cells.filter((c) => c.unitId === u.unitId);
    const sum = (pick: (c: BoardCell) => number) => cells.reduce((n, c) => n + pick(c), 0);
    return {
      unitName: u.unitName,
      parts: [
        { name: t('office.board.closed'), value: sum((c) => c.total - c.open), colour: '#9ca3af' },
        { name: t('light.GREEN'), value: sum((c) => c.green), colour: '#3c8d5a' },
        { name: t('light.YELLOW'), value: sum((c) => c.yellow), colour: '#d08a16' },
        { name: t('light.RED'), value: sum((c) => c.red), colour: '#a8151b' },
      ],
    };
  });
}

/** Where a cell's tasks are listed: the office's task list filtered to the cell's lead unit and goal or month. */
export function cellLink(
  cycleId: string,
  axis: BoardAxis,
  unitId: string,
  column: string | null,
  view?: string,
): string {
  const col = column ?? '-';
  const cell = { cycle: cycleId, leadUnit: unitId, ...(axis === 'goal' ? { goal: col } : { dueMonth: col }) };
  return `/office/tasks${query({ ...cell, view })}`;
}

/**
 * The cycle board (督办看板): lead units × goals (or months), each cell the worst light of its open tasks and their
 * number, linking to them; a unit with a red cell is marked on its row, so it stands out at a glance.
 */
export function CycleBoard({ cycleId }: { cycleId: string }) {
  const { t } = useI18n();
  const [axis, setAxis] = useState<BoardAxis>('goal');
  const [view, setView] = useState<SavedView>();
  const {
    value: board,
    error,
    reload,
  } = useApi<Board>(`/v1/cycles/${encodeURIComponent(cycleId)}/board${query({ by: axis, view: view?.id })}`);
  const columnTitle = (c: { key: string | null; title: string }) => {
    if (c.key === null) return t(axis === 'goal' ? 'office.board.noGoal' : 'office.board.noDate');
    if (axis === 'month') return t('office.board.month', { y: c.key.slice(0, 4), m: Number(c.key.slice(5, 7)) });
    return c.title || c.key;
  };
  const cellOf = new Map(board?.cells.map((c) => [`${c.unitId}\u0000${c.column ?? ''}`, c]));
  return (
    <section aria-labelledby="board-title" className="board">
      <div className="section-head">
        <h2 id="board-title">{t('office.board.title')}</h2>
        <div role="group" aria-label={t('office.board.view')} className="segmented">
          {(['goal', 'month'] as const).map((a) => (
            <button key={a} type="button" aria-pressed={axis === a} onClick={() => setAxis(a)}>
              {t(a === 'goal' ? 'office.board.byGoal' : 'office.board.byMonth')}
            </button>
          ))}
        </div>
      </div>
      <SavedViews target="BOARD" filter={{}} active={view?.id} onApply={setView} canSave={false} />
      <ErrorBox error={error} onRetry={reload} />
      {board && board.units.length === 0 && <p className="muted">{t('office.board.empty')}</p>}
      {board && board.units.length > 0 && (
        <div className="board-scroll">
          <table className="board-table" data-testid="cycle-board">
            <caption>{t('office.board.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.board.unit')}</th>
                {board.columns.map((c) => (
                  <th scope="col" key={c.key ?? '-'}>
                    {columnTitle(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {board.units.map((u) => {
                const cells = board.columns.map((c) => cellOf.get(`${u.unitId}\u0000${c.key ?? ''}`));
                const red = cells.some((c) => c?.worst === 'RED');
                return (
                  <tr key={u.unitId} className={red ? 'board-row-red' : undefined} data-unit={u.unitId}>
                    <th scope="row">{u.unitName}</th>
                    {board.columns.map((c, i) => {
                      const cell = cells[i];
                      if (!cell)
                        return <td key={c.key ?? '-'} className="board-cell board-empty" data-label={columnTitle(c)} />;
                      const light = t(cell.worst === 'NONE' ? 'office.board.closed' : `light.${cell.worst}`);
                      const label =
                        t('office.board.cell', { unit: u.unitName, column: columnTitle(c), light, n: cell.total }) +
                        (cell.maxRung > 0 ? t('office.board.cellRung', { rung: t(`rung.${cell.maxRung}`) }) : '');
                      return (
                        <td
                          key={c.key ?? '-'}
                          className={`board-cell board-${cell.worst.toLowerCase()}`}
                          data-label={columnTitle(c)}
                        >
                          {/* The name is what the cell shows (light, count, rung) with the words a listener needs;
                              the unit and the column are the row's and column's headers, and the title says all. */}
                          <Link
                            to={cellLink(cycleId, axis, u.unitId, c.key, view?.id)}
                            title={label}
                            data-light={cell.worst}
                          >
                            <span className="light-dot" aria-hidden="true" />
                            <span className="board-word">{light}</span>
                            <span className="board-count">{cell.total}</span>
                            <span className="sr-only">{t('office.board.cellTasks')}</span>
                            {cell.maxRung > 0 && <span className="board-rung">L{cell.maxRung}</span>}
                            {cell.milestonesMissed > 0 && (
                              <span
                                className="board-lag"
                                title={t('milestones.missedCount', { n: cell.milestonesMissed })}
                              >
                                {t('milestones.missedCount', { n: cell.milestonesMissed })}
                              </span>
                            )}
                          </Link>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">{t('office.board.legend')}</p>
      {board && board.units.length > 0 && (
        <div className="board-charts">
          <section className="panel" aria-labelledby="board-trend">
            <h3 id="board-trend">{t('office.board.trend')}</h3>
            <TrendChart testId="board-trend" months={board.trend} label={t('office.board.trend')} />
          </section>
          <section className="panel" aria-labelledby="board-units">
            <h3 id="board-units">{t('office.board.unitsChart')}</h3>
            <Chart
              testId="board-units"
              option={unitsChart(unitBars(board, t), '')}
              label={t('office.board.unitsChart')}
              description={unitBars(board, t)
                .map((u) => `${u.unitName}：${u.parts.map((p) => `${p.name} ${p.value}`).join('，')}`)
                .join('；')}
              height={Math.max(200, 70 + board.units.length * 30)}
            />
          </section>
        </div>
      )}
    </section>
  );
}
