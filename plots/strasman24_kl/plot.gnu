set encoding utf8
set terminal pngcairo enhanced size 1800,1530 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 2,2 title "strasman24_kl: Strasman et al. 2024 KL bound with a noise schedule\nseed 003 (Strasman et al. 2024, noise-schedule slides), slide 'KL upper bound with minimal hypothesis'; Strasman, Ocello, Boyer, Le Corff, Lemaire, 'An analysis of the noise schedule for\nscore-based generative models', arXiv:2402.04650\nsolid, filled dots: exact KL(data || sampler output)     dashed: bound     red ring: violated" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N  (data N(1, 0.5), beta_a with a = 2: 0.1 -> 20, T = 1, sigma^2 = 1, exact score)" noenhanced
set ylabel "KL(data || sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (5, 10, 20, 50, 100, 200, 500, 1000)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, N(1,0.5), a=2, T=1', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei (printed), N(1,0.5), a=2, T=1 (bound shared)', \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, N(1,0.5), a=2, T=1 (bound shared)', \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N  (data N(0, 1.01) next to pi_inf, beta_a with a = -5, T = 1, sigma^2 = 1, exact score)" noenhanced
set ylabel "KL(data || sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (5, 10, 20, 50, 100, 200, 500, 1000)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, N(0,1.01), a=-5, T=1', \
     '' index 3 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 3 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 3 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei (printed), N(0,1.01), a=-5, T=1 (bound shared)', \
     '' index 4 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 4 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, N(0,1.01), a=-5, T=1 (bound shared)', \
     '' index 5 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 5 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "additive score error eps  (data N(0, 1.01), beta_a with a = -5, T = 1, sigma^2 = 1, N = 100)" noenhanced
set ylabel "KL(data || sampler output)" noenhanced
set logscale x
set mxtics default
set format x '10^{%L}'
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, N(0,1.01), a=-5, N=100, delta=0', \
     '' index 6 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 6 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 6 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei (printed), N(0,1.01), a=-5, N=100, delta=0 (bound shared)', \
     '' index 7 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 7 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, N(0,1.01), a=-5, N=100, delta=0 (bound shared)', \
     '' index 8 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 8 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#CC79A7' title 'eir, N(0,1.01), a=-5, N=100, delta=0.1', \
     '' index 9 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#CC79A7' notitle, \
     '' index 9 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 9 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "dimension d  (presets of seed 003, mean 1_d, beta_a with a = 1, T = 1, sigma^2 = 1, N = 50, exact score)" noenhanced
set ylabel "KL(data || sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (1, 2, 5, 10, 20, 50)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'eir, isotropic preset, a=1, N=50', \
     '' index 10 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 10 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 10 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'eir, heteroscedastic preset, a=1, N=50', \
     '' index 11 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 11 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 11 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, correlated preset, a=1, N=50', \
     '' index 12 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 12 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 12 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#CC79A7' title 'ei (printed), correlated preset, a=1, N=50 (bound shared with eir)', \
     '' index 13 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 13 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
