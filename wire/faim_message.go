package wire

import (
	"slices"
	"strings"
)

// FAIMMessage is one FAIM message: its tags, in ascending tag order, each
// with its elements split by the tag's layout. The reader fills the
// positions and findings; a message built for writing needs only Fields
// (use Set).
type FAIMMessage struct {
	// Fields holds one entry per tag, in ascending tag order.
	Fields []FAIMField
	// Index is the 1-based ordinal of the message in its file.
	Index int
	// Line and Offset locate the message's first tag in the input.
	Line   int
	Offset int64
	// Findings are the message's findings (errors and warnings) that the
	// reader kept; Valid tells whether it had errors, kept or not.
	Findings []*ParseError

	errs int
}

// FAIMField is one tag of a message.
type FAIMField struct {
	Tag Tag
	// Elements are the tag's elements in layout order. Variable elements
	// have their padding removed; fixed elements keep their exact width,
	// spaces included (they are data: {1500}'s duplication code " ").
	// Trailing elements the message omitted are absent.
	Elements []string
	// Raw holds the tag's data as read when its elements could not be
	// separated (the lenient reader keeps such a tag with a warning) or
	// the tag is not of format version 30; Elements is then nil.
	Raw string
	// Line, Column (1-based, of the '{') and Offset locate the tag.
	Line   int
	Column int
	Offset int64
}

// Element returns the i-th element (0-based), or "" when the message
// omitted it.
func (f *FAIMField) Element(i int) string {
	if f == nil || i < 0 || i >= len(f.Elements) {
		return ""
	}
	return f.Elements[i]
}

// Valid reports whether the reader found no error in the message (warnings
// allowed), counting errors over the findings cap too.
func (m *FAIMMessage) Valid() bool { return m.errs == 0 }

// Field returns the message's field of tag t, or nil.
func (m *FAIMMessage) Field(t Tag) *FAIMField {
	fs := m.Fields
	lo, hi := 0, len(fs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if fs[mid].Tag < t {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(fs) && fs[lo].Tag == t {
		return &fs[lo]
	}
	// Fields built by hand may be out of order.
	for j := range fs {
		if fs[j].Tag == t {
			return &fs[j]
		}
	}
	return nil
}

// Has reports whether the message holds tag t.
func (m *FAIMMessage) Has(t Tag) bool { return m.Field(t) != nil }

// Element returns the element named name of tag t ("identifier" of
// {4200}), or "" when the tag or the element is absent or the name is not
// in the tag's layout.
func (m *FAIMMessage) Element(t Tag, name string) string {
	f := m.Field(t)
	s := specOf(t)
	if f == nil || s == nil {
		return ""
	}
	for i, e := range s.elems {
		if e.name == name {
			return f.Element(i)
		}
	}
	return ""
}

// Set gives tag t the elements, replacing the tag if the message holds it
// and keeping Fields in ascending tag order. Trailing empty elements are
// dropped (the writer omits them anyway).
func (m *FAIMMessage) Set(t Tag, elements ...string) {
	for len(elements) > 0 && elements[len(elements)-1] == "" {
		elements = elements[:len(elements)-1]
	}
	f := FAIMField{Tag: t, Elements: elements}
	i, ok := slices.BinarySearchFunc(m.Fields, t, func(f FAIMField, t Tag) int { return int(f.Tag) - int(t) })
	if ok {
		m.Fields[i] = f
		return
	}
	m.Fields = slices.Insert(m.Fields, i, f)
}

// Delete removes tag t from the message.
func (m *FAIMMessage) Delete(t Tag) {
	m.Fields = slices.DeleteFunc(m.Fields, func(f FAIMField) bool { return f.Tag == t })
}

// TypeSubtype returns {1510} as four characters ("1000"), or "".
func (m *FAIMMessage) TypeSubtype() string {
	f := m.Field(TagTypeSubtype)
	if f == nil {
		return ""
	}
	return f.Element(0) + f.Element(1)
}

// Subtype returns the subtype code of {1510} ("02"), or "".
func (m *FAIMMessage) Subtype() string { return m.Field(TagTypeSubtype).Element(1) }

// BusinessFunction returns the business function code of {3600} ("CTR").
func (m *FAIMMessage) BusinessFunction() string { return m.Field(TagBusinessFunction).Element(0) }

// IMAD returns the message's IMAD ({1520}) as 22 characters, or "".
func (m *FAIMMessage) IMAD() string {
	f := m.Field(TagIMAD)
	if f == nil || f.Raw != "" {
		return ""
	}
	return strings.Join(f.Elements, "")
}

// PreviousIMAD returns {3500}, the IMAD of the message a reversal or
// return refers to, or "".
func (m *FAIMMessage) PreviousIMAD() string { return m.Field(TagPreviousMessage).Element(0) }

// OMAD returns the Fed's output message accountability data of a
// delivered message: {1120} output cycle date, destination and sequence
// (22 characters), or "".
func (m *FAIMMessage) OMAD() string {
	f := m.Field(TagOMAD)
	if f == nil || len(f.Elements) < 3 {
		return ""
	}
	return f.Elements[0] + f.Elements[1] + f.Elements[2]
}

// Status returns the message status indicator of {1100} ("2" successful
// with accounting, "3" rejected, "N" incoming value message …), or "" for
// a message the Fed has not handled.
func (m *FAIMMessage) Status() string { return m.Field(TagMessageDisposition).Element(3) }

// Amount returns {2000} in cents; ok is false when the tag is absent or
// not 12 digits.
func (m *FAIMMessage) Amount() (cents int64, ok bool) {
	v := m.Field(TagAmount).Element(0)
	if len(v) != 12 || !allDigits(v) {
		return 0, false
	}
	for i := 0; i < len(v); i++ {
		cents = cents*10 + int64(v[i]-'0')
	}
	return cents, true
}

// Text returns the free text of tags, each tag's non-empty elements joined
// with single spaces, tags separated by " / ": the form reason keyword
// tables read.
func (m *FAIMMessage) Text(tags ...Tag) string {
	var b strings.Builder
	for _, t := range tags {
		f := m.Field(t)
		if f == nil {
			continue
		}
		parts := f.Elements
		if f.Raw != "" {
			parts = strings.Split(f.Raw, "*")
		}
		first := true
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			switch {
			case first && b.Len() > 0:
				b.WriteString(" / ")
			case !first:
				b.WriteByte(' ')
			}
			b.WriteString(p)
			first = false
		}
	}
	return b.String()
}

// clone returns a deep copy of the message's fields (positions and
// findings are not copied).
func (m *FAIMMessage) clone() *FAIMMessage {
	c := &FAIMMessage{Fields: make([]FAIMField, len(m.Fields))}
	for i, f := range m.Fields {
		c.Fields[i] = FAIMField{Tag: f.Tag, Raw: f.Raw, Elements: slices.Clone(f.Elements)}
	}
	return c
}
