import { useEffect, useState } from 'react';
import { onStaffAlertsChange, setStaffAlerts, staffAlertsOn } from '../lib/staff-alerts';

/** One switch for the opt-in sound and desktop alerts, off by default: its state in words on screen, aria-pressed for screen readers. */
export function StaffAlertsToggle() {
  const [on, setOn] = useState(staffAlertsOn);
  useEffect(() => onStaffAlertsChange(() => setOn(staffAlertsOn())), []);
  return (
    <button type="button" className="header__alerts" aria-pressed={on} onClick={() => void setStaffAlerts(!on)}>
      Sound and desktop alerts<span aria-hidden="true">: {on ? 'on' : 'off'}</span>
    </button>
  );
}
