package names

import "time"

// MonthDay is a calendar day without a year, as RED and Blackmagic write it,
// with the time of day when Name.HasTime.
type MonthDay struct {
	Month time.Month // 0 when the name carries no date
	Day   int
	Clock time.Duration // since midnight
}

// in places the day in year y, in loc.
func (md MonthDay) in(y int, loc *time.Location) time.Time {
	c := int(md.Clock / time.Second)
	return time.Date(y, md.Month, md.Day, c/3600, c/60%60, c%60, 0, loc)
}

// Cameras with a clock write dates from this century; a year outside it is
// a corrupt name or an unset clock, not a fact.
const minYear, maxYear = 2000, 2099

// setDate records a full date read from a name; it refuses an impossible
// one (month 13, 31 April, hour 25), leaving the name's date unset.
func (n *Name) setDate(y, m, d, hh, mm, ss int, hasTime bool) {
	if y < minYear || y > maxYear || !validClock(hh, mm, ss) {
		return
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	if t.Year() != y || t.Month() != time.Month(m) || t.Day() != d || m < 1 || m > 12 {
		return
	}
	n.Date = t
	n.HasTime = hasTime
	n.MonthDay = MonthDay{Month: t.Month(), Day: d, Clock: clock(hh, mm, ss)}
}

// setMonthDay records a yearless date; 29 February is allowed (a leap year
// may be the one meant).
func (n *Name) setMonthDay(m, d, hh, mm int, hasTime bool) {
	if m < 1 || m > 12 || d < 1 || !validClock(hh, mm, 0) {
		return
	}
	const leap = 2000
	if time.Date(leap, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() != d {
		return
	}
	n.HasTime = hasTime
	n.MonthDay = MonthDay{Month: time.Month(m), Day: d, Clock: clock(hh, mm, 0)}
}

func validClock(hh, mm, ss int) bool {
	return hh >= 0 && hh < 24 && mm >= 0 && mm < 60 && ss >= 0 && ss < 60
}

func clock(hh, mm, ss int) time.Duration {
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second
}

// num reads a run of ASCII digits that a pattern already checked; it stops
// at anything else, so it never fails and never overflows on the short
// fields names carry.
func num(s string) int {
	v := 0
	for i := 0; i < len(s) && i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			break
		}
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// setYYMMDD reads "yymmdd" (20yy) or "yyyymmdd", then an optional "hhmmss"
// or "hhmm".
func (n *Name) setYYMMDD(date, tod string) {
	var y int
	switch len(date) {
	case 6:
		y, date = 2000+num(date[:2]), date[2:]
	case 8:
		y, date = num(date[:4]), date[4:]
	default:
		return
	}
	hh, mm, ss := 0, 0, 0
	switch len(tod) {
	case 6:
		ss = num(tod[4:])
		fallthrough
	case 4:
		hh, mm = num(tod[:2]), num(tod[2:4])
	}
	n.setDate(y, num(date[:2]), num(date[2:4]), hh, mm, ss, tod != "")
}
