package worker

//go:generate go run ./internal/gensymbols

import (
	"reflect"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// newerAPI holds the standard library API that Go added after the yaegi
// release the worker uses (Go 1.23 on), by yaegi table key. The generated
// symbols_go1N.go files fill it, each only when built with Go 1.N or newer.
var newerAPI = interp.Exports{}

// addNewerSymbols adds one Go version's symbols to newerAPI.
func addNewerSymbols(tables interp.Exports) {
	for key, syms := range tables {
		if newerAPI[key] == nil {
			newerAPI[key] = map[string]reflect.Value{}
		}
		for name, v := range syms {
			newerAPI[key][name] = v
		}
	}
}

// newerSymbols is each package that gained API after yaegi's tables were
// made, as yaegi's table for it merged with the new symbols (a copy:
// stdlib.Symbols is left as it is). It can replace those packages'
// tables or be used on top of them.
func newerSymbols() interp.Exports {
	merged := make(interp.Exports, len(newerAPI))
	for key, syms := range newerAPI {
		table := make(map[string]reflect.Value, len(stdlib.Symbols[key])+len(syms))
		for name, v := range stdlib.Symbols[key] {
			table[name] = v
		}
		for name, v := range syms {
			table[name] = v
		}
		merged[key] = table
	}
	return merged
}
