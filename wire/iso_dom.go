package wire

import (
	"encoding/xml"
	"io"
	"strings"
)

// node is one XML element as the ISO 20022 codec sees it: its local name
// (namespace prefixes cannot be decoded by encoding/xml, golang/go#13400,
// so elements are matched by local name), its namespace, attributes, the
// text of a leaf, children, and where it starts.
type node struct {
	name  string
	space string
	attrs []xml.Attr
	text  string
	kids  []*node
	line  int
	col   int
	off   int64
}

// child returns the first child named name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// attr returns the value of the attribute with local name name.
func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// Limits on one decoded element tree, so hostile input cannot exhaust
// memory: nesting depth and elements per message.
const (
	maxDepth = 64
	maxNodes = 20000
)

// treeDecoder reads element trees with positions.
type treeDecoder struct {
	d     *xml.Decoder
	nodes int
}

// pos returns the position of the decoder's next token.
func (t *treeDecoder) pos() (int, int, int64) {
	l, c := t.d.InputPos()
	return l, c, t.d.InputOffset()
}

// tree reads the subtree of start (already read, found at line/col/off)
// up to its end element. It fails on malformed XML or over the limits.
func (t *treeDecoder) tree(start xml.StartElement, line, col int, off int64) (*node, error) {
	t.nodes = 0
	root := &node{name: start.Name.Local, space: start.Name.Space, attrs: start.Attr, line: line, col: col, off: off}
	stack := []*node{root}
	var text strings.Builder
	for {
		l, c, o := t.pos()
		tok, err := t.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return root, err
		}
		top := stack[len(stack)-1]
		switch tk := tok.(type) {
		case xml.StartElement:
			t.nodes++
			if len(stack) >= maxDepth || t.nodes > maxNodes {
				return root, errLimit
			}
			n := &node{name: tk.Name.Local, space: tk.Name.Space, attrs: tk.Attr, line: l, col: c, off: o}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
			text.Reset()
		case xml.CharData:
			if len(top.kids) == 0 {
				text.Write(tk)
			}
		case xml.EndElement:
			if len(top.kids) == 0 {
				top.text = text.String()
			}
			text.Reset()
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
		}
	}
}

var errLimit = &xml.SyntaxError{Msg: "message nests deeper than 64 elements or holds more than 20,000"}

// ensure returns the element at path below n, creating what is missing;
// at each step it reuses the last child of that name.
func (n *node) ensure(path []string) *node {
	cur := n
	for _, p := range path {
		var next *node
		if k := len(cur.kids); k > 0 && cur.kids[k-1].name == p {
			next = cur.kids[k-1]
		}
		if next == nil {
			next = &node{name: p}
			cur.kids = append(cur.kids, next)
		}
		cur = next
	}
	return cur
}

// find returns the element at path below n, or nil; at each step the
// first child of that name.
func (n *node) find(path []string) *node {
	cur := n
	for _, p := range path {
		cur = cur.child(p)
		if cur == nil {
			return nil
		}
	}
	return cur
}

// deepest returns the last element of path that exists below n (n itself
// when none does).
func (n *node) deepest(path []string) *node {
	cur := n
	for _, p := range path {
		next := cur.child(p)
		if next == nil {
			return cur
		}
		cur = next
	}
	return cur
}

// encode appends n as indented XML (tabs), with ns as its default
// namespace when not empty.
func (n *node) encode(b *strings.Builder, depth int, ns string) {
	for i := 0; i < depth; i++ {
		b.WriteByte('\t')
	}
	b.WriteByte('<')
	b.WriteString(n.name)
	if ns != "" {
		b.WriteString(` xmlns="`)
		escape(b, ns, true)
		b.WriteByte('"')
	}
	for _, a := range n.attrs {
		b.WriteByte(' ')
		b.WriteString(a.Name.Local)
		b.WriteString(`="`)
		escape(b, a.Value, true)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if len(n.kids) == 0 {
		escape(b, n.text, false)
	} else {
		b.WriteByte('\n')
		for _, k := range n.kids {
			k.encode(b, depth+1, "")
		}
		for i := 0; i < depth; i++ {
			b.WriteByte('\t')
		}
	}
	b.WriteString("</")
	b.WriteString(n.name)
	b.WriteString(">\n")
}

// escape writes s with the XML special characters escaped.
func escape(b *strings.Builder, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if !attr {
				continue
			}
			esc = "&quot;"
		case '\r':
			esc = "&#xD;"
		case '\n':
			if !attr {
				continue
			}
			esc = "&#xA;"
		case '\t':
			if !attr {
				continue
			}
			esc = "&#x9;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
