/** A joint meeting (联席会议) as /v1/meetings answers it. */
export interface MeetingSummary {
  id: string;
  kind: 'REGULAR' | 'AD_HOC';
  title: string;
  place: string;
  topics: string[];
  at: string;
  confirmBy: string;
  state: 'NOTICED' | 'HELD' | 'MINUTED';
}

export interface Attendance {
  unitId: string;
  unitName: string;
  status: 'INVITED' | 'CONFIRMED' | 'DECLINED' | 'ABSENT' | 'PRESENT';
  attendee: string | null;
  reason: string | null;
  answeredAt: string | null;
}

export interface Meeting extends MeetingSummary {
  attendance: Attendance[];
  agenda: { items: string[] } | null;
  minutes: string | null;
  resolutions: { seq: number; title: string; taskId: string; state: string | null }[];
}
