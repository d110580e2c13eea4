// Package goprint formats values as Go's builtin print and println do:
// they write to standard error, and their formats differ from fmt's
// (pointers, maps and slices as hexadecimal addresses; floats in the
// shortest form that reads back, as Go 1.26's runtime prints them).
// The interpreter's own println writes fmt formats to standard output;
// the cell compiler replaces print and println by calls of this package.
package goprint

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
)

// Fprint writes args as print(args...) does: without separators.
func Fprint(w io.Writer, args ...any) {
	var b []byte
	for _, a := range args {
		b = appendValue(b, a)
	}
	w.Write(b)
}

// Fprintln writes args as println(args...) does: separated by spaces and
// followed by a newline.
func Fprintln(w io.Writer, args ...any) {
	var b []byte
	for i, a := range args {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendValue(b, a)
	}
	w.Write(append(b, '\n'))
}

// appendValue formats one argument by its kind.
func appendValue(b []byte, a any) []byte {
	if a == nil {
		return append(b, "(0x0,0x0)"...) // a nil interface
	}
	v := reflect.ValueOf(a)
	switch v.Kind() {
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, v.Type().Bits())
	case reflect.Complex64, reflect.Complex128:
		return append(b, strconv.FormatComplex(v.Complex(), 'g', -1, v.Type().Bits())...)
	case reflect.String:
		return append(b, v.String()...)
	case reflect.Slice:
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(v.Len()), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(v.Cap()), 10)
		return appendHex(append(b, ']'), uint64(v.Pointer()))
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return appendHex(b, uint64(v.Pointer()))
	}
	return append(b, "(illegal type "+v.Type().String()+")"...)
}

// appendHex writes an address as the runtime does: 0x and lower-case hex.
func appendHex(b []byte, p uint64) []byte {
	return strconv.AppendUint(append(b, "0x"...), p, 16)
}

// MethodPanic is what fmt prints for a value whose Error method panicked
// with r: "<nil>" when the receiver is a nil pointer, else a PANIC note.
func MethodPanic(nilReceiver bool, r any) string {
	if nilReceiver {
		return "<nil>"
	}
	return fmt.Sprintf("%%!v(PANIC=Error method: %v)", r)
}
