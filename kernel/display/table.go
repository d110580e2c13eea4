package display

import (
	"fmt"
	"html"
	"reflect"
	"strings"
)

// maxTableRows bounds the rows of a table rendered from a slice.
const maxTableRows = 200

// renderTable shows a slice or array of structs (or of pointers to
// structs) as an HTML table: one column per field, one row per element.
func renderTable(v any, b MIMEBundle) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array || rv.Len() == 0 {
		return
	}
	et := rv.Type().Elem()
	if et.Kind() == reflect.Pointer {
		et = et.Elem()
	}
	if et.Kind() != reflect.Struct || et.NumField() == 0 {
		return
	}
	var t strings.Builder
	t.WriteString("<table><thead><tr><th></th>")
	for i := range et.NumField() {
		fmt.Fprintf(&t, "<th>%s</th>", html.EscapeString(et.Field(i).Name))
	}
	t.WriteString("</tr></thead><tbody>")
	for r := range min(rv.Len(), maxTableRows) {
		writeRow(&t, r, rv.Index(r))
	}
	t.WriteString("</tbody></table>")
	if rv.Len() > maxTableRows {
		fmt.Fprintf(&t, "<p>… %d more rows</p>", rv.Len()-maxTableRows)
	}
	b[textHTML] = t.String()
}

func writeRow(t *strings.Builder, r int, row reflect.Value) {
	fmt.Fprintf(t, "<tr><th>%d</th>", r)
	if row.Kind() == reflect.Pointer {
		if row.IsNil() {
			fmt.Fprintf(t, "<td colspan=\"%d\">nil</td></tr>", row.Type().Elem().NumField())
			return
		}
		row = row.Elem()
	}
	for i := range row.NumField() {
		fmt.Fprintf(t, "<td>%s</td>", html.EscapeString(fmt.Sprint(row.Field(i))))
	}
	t.WriteString("</tr>")
}
