package returns

import (
	"errors"
	"testing"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestPolicyOverrides(t *testing.T) {
	p, err := NewPolicy(PolicyConfig{
		Lenient: true,
		Codes: map[string]CodeConfig{
			"R02":      {LocksNode: no()},
			"ach:r01":  {LocksUser: yes(), Category: "administrative"},
			"R29":      {Window: "60cd"},
			"R06":      {Dishonor: "auto", Window: "2bd"},
			"CHR01":    {LocksUser: yes(), Window: "60cd"},
			"RPPS:R05": {LocksNode: yes()},
		},
		ISO: map[string]string{"AC07": "WR03", "CUST": "WR02"},
	})
	require.NoError(t, err)
	assert.True(t, p.Lenient)
	c, _ := p.ACH("R02")
	assert.False(t, c.LocksNode)
	c, _ = p.ACH("R01")
	assert.True(t, c.LocksUser)
	assert.Equal(t, CategoryAdministrative, c.Category)
	in, _ := p.Info(FamilyACH, "R01")
	assert.Equal(t, "override", in.Source)
	d, _ := DefaultPolicy().ACH("R02")
	assert.True(t, d.LocksNode, "the default policy is untouched")

	// R29 with a 60-day window: received on BD4 is timely now.
	s := cutoffs.Date{Year: 2026, Month: 11, Day: 25}
	sc, err := p.MapACHReturn(ACHReturn{Code: "R29"}, Context{Settled: s, Received: s.AddDays(7)})
	require.NoError(t, err)
	assert.Equal(t, Timely, sc.Timeliness)

	ch, _ := p.Check("CHR01")
	assert.True(t, ch.LocksUser)
	assert.Equal(t, Window60CD, ch.Window)
	r, _ := p.RPPS("R05")
	assert.True(t, r.LocksNode)

	wr, fb, ok := p.ISO("AC07")
	assert.Equal(t, "WR03", wr)
	assert.False(t, fb)
	assert.True(t, ok)
	sc, _ = p.MapWireReturn(WireReturn{Format: ISO20022, Reason: "CUST"}, Context{})
	assert.Equal(t, "WR02", sc.Code)
}

func TestPolicyConfigValidate(t *testing.T) {
	tests := []struct {
		name  string
		cfg   PolicyConfig
		want  []string
		isUnk bool
	}{
		{"unknown code", PolicyConfig{Codes: map[string]CodeConfig{"R97": {LocksNode: yes()}}}, []string{`codes.R97: no such code`}, true},
		{"unknown prefix", PolicyConfig{Codes: map[string]CodeConfig{"Z01": {}}}, []string{`codes.Z01: no such code`}, true},
		{"category", PolicyConfig{Codes: map[string]CodeConfig{"R02": {Category: "fraud"}}}, []string{`codes.R02.category = "fraud": want unauthorized, administrative or other`}, false},
		{"window", PolicyConfig{Codes: map[string]CodeConfig{"R02": {Window: "3 weeks"}}}, []string{`codes.R02.window = "3 weeks": want 2bd`}, false},
		{"ach window", PolicyConfig{Codes: map[string]CodeConfig{"R02": {Window: "3bd"}}}, []string{`codes.R02.window = "3bd": an ach code's window is`}, false},
		{"check window", PolicyConfig{Codes: map[string]CodeConfig{"CHR01": {Window: "2bd"}}}, []string{`codes.CHR01.window = "2bd": a check code's window is 3bd, 60cd or no_limit`}, false},
		{"dishonor window", PolicyConfig{Codes: map[string]CodeConfig{"R68": {Window: "2bd"}}}, []string{`codes.R68.window = "2bd": the time frame of a dishonor or contest is the network's`}, false},
		{"wire window", PolicyConfig{Codes: map[string]CodeConfig{"WR03": {Window: "none"}}}, []string{`codes.WR03.window = "none": rpps and wire codes have no window`}, false},
		{"noc locks", PolicyConfig{Codes: map[string]CodeConfig{"C01": {LocksNode: yes()}}}, []string{`codes.C01: a NOC changes no status`}, false},
		{"dishonor value", PolicyConfig{Codes: map[string]CodeConfig{"R01": {Dishonor: "sometimes"}}}, []string{`codes.R01.dishonor = "sometimes": want auto, by_hand, no or never`}, false},
		{"operator reject", PolicyConfig{Codes: map[string]CodeConfig{"R13": {Dishonor: "auto"}}}, []string{`codes.R13.dishonor = "auto": an ACH Operator reject cannot be dishonored`}, false},
		{"dishonor on check", PolicyConfig{Codes: map[string]CodeConfig{"CHR01": {Dishonor: "auto"}}}, []string{`codes.CHR01.dishonor = "auto": dishonor applies to ach return codes only`}, false},
		{"iso key", PolicyConfig{ISO: map[string]string{"ac7": "WR03"}}, []string{`iso.ac7: an ISO 20022 return reason is 4`}, false},
		{"iso value", PolicyConfig{ISO: map[string]string{"AC07": "WR99"}}, []string{`iso.AC07 = "WR99": want a WR code`}, true},
		{"several", PolicyConfig{Codes: map[string]CodeConfig{"R02": {Category: "x", Window: "y"}}}, []string{"codes.R02.category", "codes.R02.window"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidConfig)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Equal(t, tt.isUnk, errors.Is(err, ErrUnknownCode))
			var ce *ConfigError
			assert.True(t, errors.As(err, &ce))
			_, err = NewPolicy(tt.cfg)
			assert.Error(t, err)
		})
	}
	assert.NoError(t, PolicyConfig{}.Validate())
}

func TestParseFamilyAndWindow(t *testing.T) {
	for in, want := range map[string]Family{"ach": FamilyACH, "NOC": FamilyNOC, "rpps": FamilyRPPS, "x9": FamilyCheck, "check": FamilyCheck, "swift": FamilyWire, "wire": FamilyWire} {
		f, err := ParseFamily(in)
		require.NoError(t, err)
		assert.Equal(t, want, f)
	}
	_, err := ParseFamily("card")
	assert.ErrorIs(t, err, ErrUnknownFamily)
	w, err := ParseWindow("60CD")
	require.NoError(t, err)
	assert.Equal(t, Window60CD, w)
	_, err = DefaultPolicy().List("card")
	assert.ErrorIs(t, err, ErrUnknownFamily)
	all, err := DefaultPolicy().List("")
	require.NoError(t, err)
	assert.Len(t, all, len(achTable)+len(nocTable)+len(rppsTable)+len(checkTable)+len(wireTable))
}
