package display

import "reflect"

// ImportPath is the import path under which cells see the package.
const ImportPath = "display"

// Symbols returns the yaegi export table for the user-facing API, keyed
// "display/display" (yaegi's "importpath/pkgname"): every function cells may
// call and the Display, Progress and MIMEBundle types. SetPublisher, Bundle, Message
// and Kind stay with the kernel.
func Symbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		ImportPath + "/display": {
			"HTML":        reflect.ValueOf(HTML),
			"Markdown":    reflect.ValueOf(Markdown),
			"SVG":         reflect.ValueOf(SVG),
			"Latex":       reflect.ValueOf(Latex),
			"Text":        reflect.ValueOf(Text),
			"PNG":         reflect.ValueOf(PNG),
			"JPEG":        reflect.ValueOf(JPEG),
			"GIF":         reflect.ValueOf(GIF),
			"Image":       reflect.ValueOf(Image),
			"JSON":        reflect.ValueOf(JSON),
			"Data":        reflect.ValueOf(Data),
			"ClearOutput": reflect.ValueOf(ClearOutput),
			"New":         reflect.ValueOf(New),
			"NewProgress": reflect.ValueOf(NewProgress),
			"Progress":    reflect.ValueOf((*Progress)(nil)),
			"Display":     reflect.ValueOf((*Display)(nil)),
			"MIMEBundle":  reflect.ValueOf((*MIMEBundle)(nil)),
		},
	}
}
