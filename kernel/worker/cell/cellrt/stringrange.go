package cellrt

// RuneAt is one step of a range over a string: the rune and the offset
// of its first byte.
type RuneAt struct {
	Off int
	R   rune
}

// stringRange is the runtime half of gap rangestring, installed as
// StringRange: the steps of `for i, r := range s`.
func stringRange(s string) []RuneAt {
	steps := make([]RuneAt, 0, len(s))
	for i, r := range s {
		steps = append(steps, RuneAt{i, r})
	}
	return steps
}
