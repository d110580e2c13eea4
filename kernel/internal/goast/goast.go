// Package goast holds small go/ast helpers shared by the cell compiler and
// the editor services.
package goast

import "go/ast"

// ReceiverTypeName returns the base type name of a method receiver: T for
// T, *T, T[K] and *T[K, V]; "" if the expression is not one of those.
func ReceiverTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}
