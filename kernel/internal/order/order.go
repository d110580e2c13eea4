// Package order compares values of Go's ordered kinds held in interfaces,
// for the min and max builtins and the sorting functions of interpreted
// cells.
package order

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
)

// Compare compares two values of one ordered kind (integers, floats,
// strings, also of named types such as time.Duration) as cmp.Compare
// does; it panics for other kinds, where Go code would not compile.
func Compare(a, b any) int {
	x, y := reflect.ValueOf(a), reflect.ValueOf(b)
	switch {
	case x.CanInt():
		return cmp.Compare(x.Int(), y.Int())
	case x.CanUint():
		return cmp.Compare(x.Uint(), y.Uint())
	case x.CanFloat():
		return cmp.Compare(x.Float(), y.Float())
	case x.Kind() == reflect.String:
		return cmp.Compare(x.String(), y.String())
	}
	panic(fmt.Sprintf("%T is not an ordered type (cmp.Ordered)", a))
}

// MinWins reports whether y replaces x as the minimum: it is smaller, or
// NaN; nothing replaces a NaN (a NaN argument makes min NaN).
func MinWins(x, y any) bool { return isNaN(y) || !isNaN(x) && Compare(y, x) < 0 }

// MaxWins reports whether y replaces x as the maximum.
func MaxWins(x, y any) bool { return isNaN(y) || !isNaN(x) && Compare(y, x) > 0 }

func isNaN(v any) bool {
	x := reflect.ValueOf(v)
	return x.CanFloat() && math.IsNaN(x.Float())
}
