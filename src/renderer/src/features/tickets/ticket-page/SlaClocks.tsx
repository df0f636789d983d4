import { PauseCircle } from 'lucide-react'
import { SLA_MILESTONES } from '@shared/domain/sla'
import type { TicketSla } from '@shared/contract/tickets'
import { milestoneLabels } from '../labels'
import { milestoneText } from '../sla-badge'

/** The three SLA milestones with time left, met, breached or paused, and the plan behind them. */
export function SlaClocks({ sla }: { sla: TicketSla }) {
  return (
    <section className="tk-card" aria-labelledby="tk-sla">
      <h2 id="tk-sla" className="tk-card__title">
        SLA
        <span className="tk-card__aside">
          {sla.planName} · {sla.priority} · {sla.clock === '24x7' ? '24×7' : 'business hours'}
        </span>
      </h2>
      {sla.paused ? (
        <p className="tk-sla-paused" data-testid="sla-paused">
          <PauseCircle aria-hidden size={14} />
          Clocks paused while the ticket waits or is done
        </p>
      ) : null}
      <ul className="tk-clocks" aria-label="SLA clocks">
        {SLA_MILESTONES.map((milestone) => {
          const clock = sla.milestones[milestone]
          const text = milestoneText(clock)
          return (
            <li
              key={milestone}
              className={`tk-clock tk-clock--${text.tone}`}
              data-milestone={milestone}
              data-state={clock.state}
              title={text.title}
            >
              <span className="tk-clock__name">{milestoneLabels[milestone]}</span>
              <span className="tk-clock__state">{text.text}</span>
              <span className="tk-clock__bar" aria-hidden>
                <span
                  style={{
                    width: `${Math.min(100, clock.targetMs > 0 ? (clock.usedMs / clock.targetMs) * 100 : 100)}%`,
                  }}
                />
              </span>
            </li>
          )
        })}
      </ul>
      <p className="tk-muted tk-clocks__zone">Hours counted in {sla.timeZone}</p>
    </section>
  )
}
